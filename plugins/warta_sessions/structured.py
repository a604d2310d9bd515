"""schema.org JSON-LD for session pages: VideoObject for a recording, Event otherwise."""

from __future__ import annotations

from .present import RECORDED, embed_url, iso_duration, status, thumbnail_url, watch_url


def _org(agency, abs_url) -> dict:
    return {"@type": "GovernmentOrganization", "name": agency.name, "url": abs_url(agency.url)}


def session_jsonld(session, now, abs_url) -> dict:
    """The recording once there is one; until then (or if there never is) the event itself."""
    if status(session, now) is RECORDED:
        return video_object(session, abs_url)
    return event(session, now, abs_url)


def video_object(session, abs_url) -> dict:
    length = int((session.end - session.date).total_seconds())
    thumbnails = [thumbnail_url(session.youtube)]
    if session.image:
        thumbnails.insert(0, abs_url(session.image.url))
    return {
        "@context": "https://schema.org",
        "@type": "VideoObject",
        "name": session.title,
        "description": session.summary or session.title,
        "inLanguage": "id",
        "thumbnailUrl": thumbnails,
        "uploadDate": session.date.isoformat(),
        "duration": iso_duration(length),
        "embedUrl": embed_url(session.youtube),
        "url": watch_url(session.youtube),
        "mainEntityOfPage": abs_url(session.url),
        "publisher": _org(session.series.host, abs_url),
        "publication": {
            "@type": "BroadcastEvent",
            "isLiveBroadcast": True,
            "startDate": session.date.isoformat(),
            "endDate": session.end.isoformat(),
        },
        "hasPart": _clips(session, length),
    }


def _clips(session, length: int) -> list[dict]:
    """One Clip per chapter; each ends where the next begins, the last at the end of the session."""
    ends = [c.at for c in session.chapters[1:]] + [length]
    return [
        {
            "@type": "Clip",
            "name": chapter.title,
            "startOffset": chapter.at,
            "endOffset": end,
            "url": watch_url(session.youtube, chapter.at),
        }
        for chapter, end in zip(session.chapters, ends, strict=False)  # no chapters: no clips
    ]


def event(session, now, abs_url) -> dict:
    page = abs_url(session.url)
    # The Zoom link is public only until the session ends, as on the page.
    online = {"@type": "VirtualLocation", "url": session.zoom if session.zoom and now < session.end else page}
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": session.title,
        "description": session.summary or session.title,
        "inLanguage": "id",
        "url": page,
        "startDate": session.date.isoformat(),
        "endDate": session.end.isoformat(),
        "eventStatus": "https://schema.org/EventScheduled",
        "eventAttendanceMode": "https://schema.org/OnlineEventAttendanceMode",
        "location": online,
        "organizer": _org(session.series.host, abs_url),
        "isAccessibleForFree": True,
    }
    if session.place:
        # Held in a room and online at once.
        data["eventAttendanceMode"] = "https://schema.org/MixedEventAttendanceMode"
        data["location"] = [{"@type": "Place", "name": session.place, "address": session.place}, online]
    if session.speakers:
        data["performer"] = [{"@type": "Person", "name": s.name} for s in session.speakers]
    if session.image:
        data["image"] = [abs_url(session.image.url)]
    return data


def series_jsonld(series, abs_url) -> dict:
    """A recurring series: schema.org's EventSeries, organised by the host agency."""
    return {
        "@context": "https://schema.org",
        "@type": "EventSeries",
        "name": series.name,
        "description": series.description,
        "url": abs_url(series.url),
        "inLanguage": "id",
        "organizer": _org(series.host, abs_url),
    }
