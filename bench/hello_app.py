"""A bare Flask hello-world, served by bench_checkin.py under the same gunicorn settings as the app: the floor
that Flask and gunicorn alone cost on this machine."""

from flask import Flask

app = Flask(__name__)


@app.get("/")
def hello() -> str:
    return "Hello"
