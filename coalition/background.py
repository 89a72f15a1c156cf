"""The background-job queue: work too long for a request runs here, on Huey.

Any topic can queue work on it: it registers a job once, in its own ``init_app``, with
``add_job(app, name, function)``, and queues it with ``enqueue(name, ...)``; the function runs
in an app context with the arguments given. The queue knows nothing of what its jobs do (the
whole-programme network is the first; large imports and PDF renders can follow).

The queue's storage is a SQLite file in the instance folder by default, Redis when
``HUEY_REDIS_URL`` is set (then install ``redis``). Where jobs run:

- ``NETWORK_JOB_CONSUMER=embedded`` (the default) runs Huey's own consumer, one worker thread,
  inside the web process, started when the first job is queued. A laptop then needs no second
  process. Huey's ``Consumer.start()`` installs signal handlers, which Python allows only in the
  main thread, and the web server owns the signals anyway: the only change is to skip that.
- ``NETWORK_JOB_CONSUMER=external`` leaves the queue to ``flask network-worker`` (Huey's consumer
  in the foreground, with its signal handling), the production way: one worker process beside
  several web processes, on Redis or the shared SQLite file.
- Tests use Huey's immediate mode: a queued job runs at once, in the caller.

An external worker writes a heartbeat into the queue's storage every ``HEARTBEAT_SECONDS``, so
``/healthz`` in every web process can tell a load balancer whether jobs will run.
"""
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from flask import Flask, current_app
from huey import Huey, RedisHuey, SqliteHuey
from huey.consumer import Consumer

__all__ = ["Queue", "add_job", "enqueue", "init_app", "pending_jobs", "run_worker", "storage", "worker_last_seen"]

HEARTBEAT_SECONDS = 10
_HEARTBEAT_KEY = "worker-heartbeat"

# Two requests queueing their first jobs at once start one embedded consumer between them.
_starting = threading.Lock()


@dataclass
class Queue:
    """The app's Huey instance, its registered jobs, and the embedded consumer once started."""

    huey: Huey
    jobs: dict = field(default_factory=dict)  # name -> Huey task
    at_worker_start: list = field(default_factory=list)  # names queued each time the external worker starts
    consumer: Consumer | None = None


class _EmbeddedConsumer(Consumer):
    """Huey's consumer, run from a thread of the web process: signals stay the web server's."""

    def _set_signal_handlers(self):
        pass


def init_app(app: Flask) -> None:
    """Give the app its queue (nothing runs and nothing connects until a job is queued)."""
    app.config.setdefault("HUEY_SQLITE_FILE", f"{app.instance_path}/huey.sqlite")
    immediate = bool(app.config.get("TESTING"))
    redis_url = app.config.get("HUEY_REDIS_URL")
    if redis_url:
        huey = RedisHuey("coalition", url=redis_url, immediate=immediate)
    else:
        huey = SqliteHuey("coalition", filename=str(app.config["HUEY_SQLITE_FILE"]), immediate=immediate)
    app.extensions["background"] = Queue(huey)


def add_job(app: Flask, name: str, function: Callable, *, at_worker_start: bool = False) -> None:
    """Register ``function`` as the job ``name``: the worker runs it in an app context.

    ``at_worker_start`` queues it (without arguments) each time ``flask network-worker`` starts.
    """
    def run(*args, **kwargs):
        with app.app_context():
            return function(*args, **kwargs)

    queue: Queue = app.extensions["background"]
    queue.jobs[name] = queue.huey.task(name=name)(run)
    if at_worker_start:
        queue.at_worker_start.append(name)


def enqueue(name: str, *args, **kwargs) -> None:
    """Queue the job ``name`` (starting the embedded worker first, unless the worker is external)."""
    queue: Queue = current_app.extensions["background"]
    if not queue.huey.immediate and current_app.config.get("NETWORK_JOB_CONSUMER", "embedded") == "embedded":
        _start_embedded_consumer(queue)
    queue.jobs[name](*args, **kwargs)


def _start_embedded_consumer(queue: Queue) -> None:
    with _starting:
        if queue.consumer is None:
            consumer = _EmbeddedConsumer(queue.huey, workers=1, periodic=False)
            consumer.start()
            queue.consumer = consumer


def run_worker() -> None:
    """Run Huey's consumer in the foreground (``flask network-worker``) until interrupted, with a heartbeat."""
    huey = current_app.extensions["background"].huey
    stop = threading.Event()

    def beat():
        while not stop.is_set():
            huey.put(_HEARTBEAT_KEY, time.time())
            stop.wait(HEARTBEAT_SECONDS)

    threading.Thread(target=beat, name="worker-heartbeat", daemon=True).start()
    queue: Queue = current_app.extensions["background"]
    for name in queue.at_worker_start:
        queue.jobs[name]()
    try:
        Consumer(huey, workers=1, periodic=False).run()
    finally:
        stop.set()


def storage() -> Huey:
    """The queue's key-value storage, where jobs keep their progress and results for the pages that show them."""
    return current_app.extensions["background"].huey


def pending_jobs() -> int:
    """How many jobs wait on the queue: asking also proves the queue's storage answers."""
    return storage().pending_count()


def worker_last_seen() -> float | None:
    """When an external worker last wrote its heartbeat (seconds since the epoch), if ever."""
    return storage().get(_HEARTBEAT_KEY, peek=True)
