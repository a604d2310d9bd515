"""``WARTA_CMS`` in pelicanconf.py: whether /admin/ is built, and which repository it writes to."""

from __future__ import annotations

from dataclasses import dataclass

from warta_content import ConfigurationError, capability_settings

BACKENDS = ("github", "gitlab", "gitea")


@dataclass(frozen=True)
class CmsSettings:
    """The web editor's settings; README, "Menulis lewat peramban", explains each."""

    enabled: bool = False
    backend: str = "github"  # where the office's repository lives: github, gitlab or gitea
    repo: str = ""  # owner/name
    branch: str = "main"
    content_path: str = "content"  # the content folder inside the repository
    base_url: str = ""  # the OAuth gateway (GitHub) or the GitLab/Gitea server
    api_root: str = ""  # the API of a self-hosted GitLab or Gitea
    app_id: str = ""  # the OAuth application's client id (GitLab, Gitea: PKCE, no secret in the site)
    local_backend: str = ""  # the local backend's API (decap-server), set by ``invoke serve --cms``


def read_settings(settings: dict) -> CmsSettings:
    """Check ``WARTA_CMS`` once; a remote backend needs its repository named."""
    config = capability_settings(settings, "WARTA_CMS", CmsSettings)
    if config.enabled and not config.local_backend:
        if config.backend not in BACKENDS:
            raise ConfigurationError(
                f"WARTA_CMS: backend '{config.backend}' tidak dikenal (pilihan: {', '.join(BACKENDS)})"
            )
        if config.repo.count("/") != 1:
            raise ConfigurationError(f"WARTA_CMS: repo '{config.repo}' harus berbentuk pemilik/nama, mis. humas/warta")
        if config.backend != "github" and not config.app_id:
            raise ConfigurationError(f"WARTA_CMS: app_id wajib untuk {config.backend} (id aplikasi OAuth; README)")
    return config
