"""HTTP for the data routes: GET and HEAD only, an ETag per data version, 304 on If-None-Match, plain-text refusals.

Mounted by serve.py (`st.App("dashboard.py", routes=api_routes())`), so `make run` serves pages and data from one
process. Gzip comes from Streamlit's own middleware, which compresses any answer a client accepts gzip for.
"""

from __future__ import annotations

import os
import time
from collections import OrderedDict
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path
from threading import Lock

from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import BaseRoute, Route

from supplychain.api.answers import PREFIX, Answer, Refusal, answer
from supplychain.data.load import DATA_DIR, Dataset, fingerprint, load_dataset
from supplychain.i18n import DEFAULT_LANGUAGE, LANGUAGES, _, accepted_language, language_of

LANG_PARAM = "lang"  # ?lang=pl words refusals and descriptions in Polish, on every address (as on every page)
DATA_DIR_ENV = "SUPPLYCHAIN_DATA_DIR"  # the same variable the pages read (app/cache.py): tests point both at fixtures
METHODS = ("GET", "HEAD")
_ALL_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]
_ANSWERS = 256  # answers kept per process (a table with its filters is a few kB)
_answers: OrderedDict[tuple, Answer] = OrderedDict()
_lock = Lock()


def data_dir() -> Path:
    return Path(os.environ.get(DATA_DIR_ENV, DATA_DIR))


@lru_cache(maxsize=2)
def _dataset(folder: str, stamp: str) -> Dataset:
    # Keyed by the files' fingerprint, as the pages' cache is: an edited CSV is read again on the next request.
    return load_dataset(Path(folder), stamp=stamp)


def _etag(dataset: Dataset, result: Answer, today: str, language: str) -> str:
    """A weak validator: the data version and its files' fingerprint (and the day, for answers carrying it, and the
    language, for answers in another than English: the index's words)."""
    day = f"+{today}" if result.daily else ""
    words = "" if language == DEFAULT_LANGUAGE else f"+{language}"
    return f'W/"{dataset.version}+{dataset.fingerprint[:12]}{day}{words}"'


def _cached_answer(dataset: Dataset, path: str, query: tuple, base: str, today: str, language: str) -> Answer:
    key = (dataset.fingerprint, path, query, base, today, language)
    with _lock:
        if key in _answers:
            _answers.move_to_end(key)
            return _answers[key]
    result = answer(dataset, path, list(query), base=base, today=datetime.fromisoformat(today).date())
    with _lock:
        _answers[key] = result
        while len(_answers) > _ANSWERS:
            _answers.popitem(last=False)
    return result


def _refuse(status: int, message: str, **headers: str) -> Response:
    return PlainTextResponse(message + "\n", status_code=status, headers={"Cache-Control": "no-store", **headers})


def request_language(request: Request) -> str:
    """The language of an answer's words: ?lang= when it names one of ours, else the Accept-Language header's
    choice among ours, else English. Data (column ids, values, parameter names) is the same in every language."""
    asked = request.query_params.get(LANG_PARAM)
    return asked if asked in LANGUAGES else accepted_language(request.headers.get("accept-language"))


async def serve_data(request: Request) -> Response:
    """One data address in the request's language (request_language): see _serve."""
    with language_of(request_language(request)) as language:
        response = _serve(request, language)
    response.headers["Content-Language"] = language  # refusals too: they are worded in it
    response.headers["Vary"] = "Accept-Language"
    return response


def _serve(request: Request, language: str) -> Response:
    """Refuse other methods (405), answer from the current dataset, or refuse (400/404)."""
    if request.method not in METHODS:
        message = _("{method} is not allowed here: the data routes are read-only (GET, HEAD).")
        return _refuse(405, message.format(method=request.method[:10]), Allow=", ".join(METHODS))
    started = time.perf_counter()
    folder = data_dir()
    dataset = _dataset(str(folder), fingerprint(folder))
    if not dataset.ok:
        lines = "\n".join(str(p) for p in dataset.problems[:20])
        message = _("The data did not pass its checks, so no address answers until it is fixed:")
        return _refuse(503, f"{message}\n{lines}")
    path = request.path_params.get("path", "")
    base = str(request.base_url).rstrip("/")
    today = datetime.now(UTC).date().isoformat()
    query = tuple((k, v) for k, v in request.query_params.multi_items() if k != LANG_PARAM)
    try:
        result = _cached_answer(dataset, path, query, base, today, language)
    except Refusal as refusal:
        return _refuse(refusal.status, refusal.message)
    etag = _etag(dataset, result, today, language)
    took = (time.perf_counter() - started) * 1000
    headers = {
        "ETag": etag,
        "Cache-Control": "no-cache",
        "X-Data-Version": dataset.version,
        "Server-Timing": f"app;dur={took:.2f}",  # the server's own time, for the bench (bench/concurrency.py)
    }
    if result.filename:
        headers["Content-Disposition"] = f'inline; filename="{result.filename}"'
    matches = [t.strip() for t in request.headers.get("if-none-match", "").split(",")]
    if etag in matches or etag.removeprefix("W/") in matches or "*" in matches:
        return Response(status_code=304, headers=headers)
    return Response(result.body, media_type=result.media_type, headers=headers)


def api_routes() -> list[BaseRoute]:
    """The routes serve.py gives st.App: the prefix itself and every address under it."""
    return [
        Route(PREFIX.rstrip("/"), serve_data, methods=_ALL_METHODS),
        Route(PREFIX + "{path:path}", serve_data, methods=_ALL_METHODS),
    ]
