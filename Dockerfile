# clausekit web: the public questionnaire and HTTP API in a container (docs/web.md).
#   docker build -t clausekit-web .
#   docker run -p 8000:8000 -e CLAUSEKIT_WEB_SECRET=... -v "$PWD/dist:/releases:ro" clausekit-web
# The releases (clausekit publish --out dist/) are mounted read-only; nothing is written but /tmp.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /app
COPY pyproject.toml README.md ./
COPY toolkit ./toolkit
# pandoc comes inside the pypandoc-binary wheel and Typst inside its wheel (the publish extra):
# no system package, no download at run time.
RUN pip install ".[publish,web]" \
    && useradd --system --create-home --uid 10001 clausekit

USER 10001
# Every bundle in /releases (DIR/<template>/<version>/bundle). The secret that signs the forms must
# be the same in every replica: pass CLAUSEKIT_WEB_SECRET (at least 32 characters).
# uvicorn reads WEB_CONCURRENCY for its number of worker processes: one per core.
ENV CLAUSEKIT_WEB_BUNDLES=/releases WEB_CONCURRENCY=2
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s \
    CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=4)"]
CMD ["uvicorn", "--factory", "toolkit.web.app:from_environment", "--host", "0.0.0.0", "--port", "8000", "--no-server-header"]
