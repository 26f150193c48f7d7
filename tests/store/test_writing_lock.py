"""Writers on one store queue on `Store.writing()` instead of deadlocking (the CI flake of session 2)."""

from __future__ import annotations

import threading
import time

from sqlalchemy import select

from flashpoint.store import schema
from flashpoint.store.db import Store, engine_url


def test_a_second_writer_waits_for_the_first(store_url: str) -> None:
    first, second = Store(engine_url(store_url)), Store(engine_url(store_url))
    order: list[str] = []
    entered = threading.Event()

    def hold() -> None:
        with first.writing() as conn:
            conn.execute(schema.meta.insert().values(key="held", value="1"))
            entered.set()
            time.sleep(0.6)
            order.append("first done")

    def follow() -> None:
        entered.wait(5)
        with second.writing() as conn:
            order.append("second in")
            # The first writer's row is visible: the second transaction began after the first committed.
            seen = conn.execute(select(schema.meta.c.value).where(schema.meta.c.key == "held")).scalar()
            conn.execute(schema.meta.insert().values(key="followed", value=str(seen)))

    threads = [threading.Thread(target=hold), threading.Thread(target=follow)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    with second.engine.connect() as conn:
        followed = conn.execute(select(schema.meta.c.value).where(schema.meta.c.key == "followed")).scalar()
    first.close()
    second.close()
    assert order == ["first done", "second in"]
    assert followed == "1"
