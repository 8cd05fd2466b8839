"""Schemathesis hooks for Rungs: how to send the two bodies that are not JSON.

`PUT /api/v1/framework` takes a TOML file and `POST /api/v1/roster` and
`POST /api/v1/assessments/import` take CSV; the document describes them as strings, so the
generated string is sent as the body as is.
"""
import schemathesis


def _text(value):
    if isinstance(value, bytes):
        return value
    if isinstance(value, str):
        return value.encode("utf-8")
    return str(value).encode("utf-8")


@schemathesis.serializer("text/csv")
class CsvSerializer:
    def as_requests(self, context, value):
        return {"data": _text(value)}

    def as_werkzeug(self, context, value):
        return {"data": _text(value)}


@schemathesis.serializer("application/toml")
class TomlSerializer:
    def as_requests(self, context, value):
        return {"data": _text(value)}

    def as_werkzeug(self, context, value):
        return {"data": _text(value)}


@schemathesis.hook
def filter_headers(context, headers):
    """Only header values HTTP allows (visible ASCII and spaces): a request with any other byte
    in a header is refused by the HTTP layer with a bare 400 before Rungs sees it."""
    if not headers:
        return True
    return all(
        isinstance(v, str) and all(c == "\t" or " " <= c <= "~" for c in v)
        for v in headers.values()
    )
