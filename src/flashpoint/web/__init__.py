"""The dashboard: server-rendered pages (Jinja2, autoescaped) over the API's functions; see docs/api.md."""
