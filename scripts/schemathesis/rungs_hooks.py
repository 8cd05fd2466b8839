"""Schemathesis (4.x) hooks for Rungs: how to send the bodies that are not JSON, and which
header values HTTP itself allows.

`PUT /api/v1/framework` takes a TOML file (or a spreadsheet) and `POST /api/v1/roster` and
`POST /api/v1/assessments/import` take CSV; the document describes them as strings (or binary),
so the generated value is sent as the body as is.
"""
import schemathesis


def _bytes(value):
    if value is None:
        return None
    if isinstance(value, bytes):
        return value
    if isinstance(value, str):
        return value.encode("utf-8")
    return str(value).encode("utf-8")


@schemathesis.serializer(
    "text/csv",
    "application/toml",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "application/vnd.oasis.opendocument.spreadsheet",
)
def as_is(ctx, value):
    return _bytes(value)


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
