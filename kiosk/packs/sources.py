"""Where a kiosk reads a pack repository from: a folder (share, USB stick) or a LAN web server.

Each fetcher only ever reads below the one source the librarian configured; TUF checks what
comes back, so these only move bytes.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote, urlparse
from urllib.request import url2pathname

import urllib3
from tuf.api.exceptions import DownloadError, DownloadHTTPError
from tuf.ngclient import FetcherInterface

_CHUNK = 1 << 20
#: Seconds to wait for a LAN web server to answer, and between bytes.
HTTP_TIMEOUT = 20.0


class SourceError(Exception):
    """The configured source cannot be read at all (one plain line saying what to do)."""


class FolderFetcher(FetcherInterface):
    """Serves file: URLs below `root`; a missing file is a 404, as TUF expects."""

    def __init__(self, root: Path) -> None:
        self._root = root.resolve()

    def _fetch(self, url: str) -> Iterator[bytes]:
        parsed = urlparse(url)
        if parsed.scheme != "file":
            raise DownloadError(f"not a file URL: {url}")
        path = Path(url2pathname(unquote(parsed.path))).resolve()
        if not path.is_relative_to(self._root):
            raise DownloadError(f"outside the update folder: {path}")
        if not path.is_file():
            raise DownloadHTTPError(f"not found: {path}", 404)
        return self._chunks(path)

    @staticmethod
    def _chunks(path: Path) -> Iterator[bytes]:
        with path.open("rb") as handle:
            while chunk := handle.read(_CHUNK):
                yield chunk


class HttpFetcher(FetcherInterface):
    """GETs below one base URL, directly (no proxy from the environment, no retries)."""

    def __init__(self, base_url: str, timeout: float = HTTP_TIMEOUT) -> None:
        self._base = base_url.rstrip("/") + "/"
        self._pool = urllib3.PoolManager(retries=False, timeout=urllib3.Timeout(
            connect=timeout, read=timeout))

    def _fetch(self, url: str) -> Iterator[bytes]:
        if not url.startswith(self._base):
            raise DownloadError(f"outside the configured source: {url}")
        response = self._pool.request("GET", url, preload_content=False, redirect=False)
        if response.status >= 400:
            _finish(response)
            raise DownloadHTTPError(f"HTTP {response.status} for {url}", response.status)
        if response.status != 200:
            _finish(response)
            raise DownloadError(f"HTTP {response.status} for {url} (redirects are not followed)")
        return self._chunks(response)

    @staticmethod
    def _chunks(response: urllib3.BaseHTTPResponse) -> Iterator[bytes]:
        try:
            yield from response.stream(_CHUNK)
        finally:
            _finish(response)

    def close(self) -> None:
        self._pool.clear()


def _finish(response: urllib3.BaseHTTPResponse) -> None:
    # Closing as well as releasing: a LAN server that drops idle connections would otherwise
    # leave the pool holding sockets nobody closes.
    response.close()
    response.release_conn()


@dataclasses.dataclass(frozen=True)
class Source:
    """A resolved source: base URLs for metadata and packs, and the fetcher that reads them."""

    text: str
    metadata_url: str
    targets_url: str
    fetcher: FetcherInterface


def open_source(text: str) -> Source:
    text = text.strip()
    if not text:
        raise SourceError("no update source given: pass --from FOLDER_OR_URL")
    scheme = urlparse(text).scheme.lower()
    if scheme in ("http", "https"):
        base = text.rstrip("/")
        return Source(text, f"{base}/metadata/", f"{base}/targets/", HttpFetcher(base))
    if scheme == "file":
        folder = Path(url2pathname(unquote(urlparse(text).path)))
    elif scheme and len(scheme) > 1:
        raise SourceError(f"unsupported update source {text!r}: give a folder or an http(s) URL")
    else:
        folder = Path(text)  # a plain path; a one-letter "scheme" is a Windows drive
    if not (folder / "metadata").is_dir():
        raise SourceError(f"no pack repository at {folder} (is the USB stick plugged in or the "
                          "share mounted? it should hold metadata/ and targets/)")
    base = folder.resolve().as_uri()
    return Source(text, f"{base}/metadata/", f"{base}/targets/", FolderFetcher(folder))
