# Community Playbook — one app server. Run several behind a load balancer with sticky
# sessions, all pointing at one PostgreSQL database (see docs/deployment.md).
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PLAYBOOK_DATA_DIR=/data

WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt

COPY app.py ./
COPY assets ./assets
COPY .streamlit ./.streamlit
COPY pages ./pages
COPY playbook ./playbook
COPY calculators ./calculators

RUN useradd --create-home playbook && mkdir -p /data && chown playbook /data
USER playbook
VOLUME ["/data"]
EXPOSE 8501
HEALTHCHECK --interval=30s --timeout=3s CMD python -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8501/_stcore/health')"
CMD ["python", "app.py", "--server.port", "8501", "--server.address", "0.0.0.0"]
