"""schema.org JSON-LD for release pages: NewsArticle, and ClaimReview for clarifications."""

from __future__ import annotations

RATING_VALUE = {"salah": 1, "menyesatkan": 2, "benar": 5}
# A release without a lead photo is shown with the site's picture, as its og:image is (base.html).
DEFAULT_IMAGE = "theme/img/warta-og.png"


def _org(agency, abs_url) -> dict:
    return {"@type": "GovernmentOrganization", "name": agency.name, "url": abs_url(agency.url)}


def news_article(release, abs_url, site_name: str) -> dict:
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": release.title[:110],
        "description": release.summary,
        "datePublished": release.date.isoformat(),
        "dateModified": release.modified.isoformat(),
        "inLanguage": "id",
        "url": abs_url(release.url),
        "mainEntityOfPage": abs_url(release.url),
        "articleSection": release.type.name,
        "keywords": [t.name for t in release.themes],
        "author": [_org(a, abs_url) for a in release.agencies],
        "publisher": {"@type": "GovernmentOrganization", "name": release.governments[0].name},
        "isPartOf": {"@type": "WebSite", "name": site_name, "url": abs_url("")},
    }
    if release.location:
        data["dateline"] = release.location
    data["image"] = [abs_url(release.image.url if release.image else DEFAULT_IMAGE)]
    return data


def claim_review(release, abs_url) -> dict:
    claim = release.claim
    return {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": abs_url(release.url),
        "datePublished": release.date.isoformat(),
        "inLanguage": "id",
        "claimReviewed": claim.text,
        "author": _org(release.agencies[0], abs_url),
        "itemReviewed": {"@type": "Claim", "appearance": {"@type": "CreativeWork", "name": claim.source}},
        "reviewRating": {
            "@type": "Rating",
            "ratingValue": RATING_VALUE[claim.rating],
            "bestRating": 5,
            "worstRating": 1,
            "alternateName": claim.rating_name,
        },
    }


def website(abs_url, site_name: str) -> dict:
    return {
        "@context": "https://schema.org",
        "@type": "WebSite",
        "name": site_name,
        "url": abs_url(""),
        "inLanguage": "id",
        "potentialAction": {
            "@type": "SearchAction",
            "target": abs_url("cari/") + "?q={q}",
            "query-input": "required name=q",
        },
    }
