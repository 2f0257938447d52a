"""Resources: one per outside world (the warehouse, the web, the project's settings)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import fields
from pathlib import Path

from dagster import ConfigurableResource
from dagster._core.storage.db_io_manager import DbTypeHandler
from dagster_duckdb.io_manager import DuckDbClient
from dagster_duckdb_polars import DuckDBPolarsIOManager, DuckDBPolarsTypeHandler
from pydantic import Field

from pipelines import paths
from pipelines.lib import schemas, warehouse
from pipelines.lib.fetch import FetchedPage, FetchRequest, HttpFetcher, HttpSettings, ResultCallback
from pipelines.lib.sources import OutletResolver, Source, load_agencies, load_sources, with_agencies
from pipelines.lib.store import RawStore


class ContractPolarsTypeHandler(DuckDBPolarsTypeHandler):
    """Writes frames in the contract's column order, on a migrated warehouse.

    The stock handler inserts by position; conforming every frame to ``schemas.py`` keeps a load
    from depending on how a computation ordered its columns.
    """

    def handle_output(self, context, table_slice, obj, connection):  # type: ignore[override]
        if table_slice.table in schemas.TABLES:
            obj = schemas.conform(table_slice.table, obj)
        return super().handle_output(context, table_slice, obj, connection)


class _MigratingClient(DuckDbClient):
    @staticmethod
    def ensure_schema_exists(context, table_slice, connection) -> None:
        # Contract tables are created by the numbered migrations, with their constraints.
        DuckDbClient.ensure_schema_exists(context, table_slice, connection)
        warehouse.apply_migrations(connection)


class WarehouseIOManager(DuckDBPolarsIOManager):
    """DuckDB-Polars IO manager on the contract tables (schema ``main``)."""

    @staticmethod
    def type_handlers() -> Sequence[DbTypeHandler]:
        return [ContractPolarsTypeHandler()]

    def create_io_manager(self, context):
        manager = super().create_io_manager(context)
        manager._db_client = _MigratingClient()
        return manager


class Warehouse(ConfigurableResource):
    """The DuckDB file, for checks and reports that query across tables."""

    path: str = Field(default_factory=lambda: str(paths.warehouse_path()))

    def connect(self, read_only: bool = False):
        conn = warehouse.connect(self.path, read_only=read_only)
        if not read_only:
            warehouse.apply_migrations(conn)
        return conn


class NewsSettings(ConfigurableResource):
    """Where the sources file and the run data live (``NEWS_SOURCES``, ``NEWS_DATA_DIR``)."""

    sources_file: str = Field(default_factory=lambda: str(paths.sources_path()))
    data_dir: str = Field(default_factory=lambda: str(paths.data_dir()))
    agencies_file: str = Field(default_factory=lambda: str(paths.ROOT / "data" / "agencies.yaml"))

    def sources(self) -> list[Source]:
        return load_sources(Path(self.sources_file), root=paths.ROOT)

    def outlets(self) -> list[Source]:
        """The sources file's outlets plus the agencies of ``data/agencies.yaml`` not in it."""
        return with_agencies(self.sources(), load_agencies(Path(self.agencies_file), paths.ROOT))

    def resolver(self) -> OutletResolver:
        return OutletResolver(self.outlets())

    def raw_store(self) -> RawStore:
        return RawStore(Path(self.data_dir) / "raw")


class PageFetcher(ConfigurableResource):
    """Interface: fetch requests, one record per request; ``on_result`` sees each as it completes."""

    def fetch(
        self, requests: list[FetchRequest], on_result: ResultCallback | None = None
    ) -> list[FetchedPage]:
        raise NotImplementedError


class HttpPageFetcher(PageFetcher):
    """The live web, politely: robots.txt, per-host limits and delay, timeouts, retries, size limit."""

    user_agent: str = HttpSettings.user_agent
    connect_timeout: float = 10.0
    read_timeout: float = 20.0
    total_timeout: float = 60.0
    max_bytes: int = 20_000_000
    max_redirects: int = 5
    retries: int = 2
    max_retry_after: float = 120.0
    max_workers: int = 32
    per_host: int = 2
    min_delay: float = 1.0
    obey_robots: bool = True

    def fetch(
        self, requests: list[FetchRequest], on_result: ResultCallback | None = None
    ) -> list[FetchedPage]:
        # The configurable fields are a subset of HttpSettings; the rest keep the library defaults.
        own = type(self).model_fields
        configured = {f.name: getattr(self, f.name) for f in fields(HttpSettings) if f.name in own}
        return HttpFetcher(HttpSettings(**configured)).fetch_many(requests, on_result)


class FixturePageFetcher(PageFetcher):
    """A test double: URLs answered from saved files (``{url: path}``), others fail as 404."""

    files: dict[str, str] = Field(default_factory=dict)

    def fetch(
        self, requests: list[FetchRequest], on_result: ResultCallback | None = None
    ) -> list[FetchedPage]:
        from datetime import UTC, datetime

        pages = []
        for request in requests:
            path = self.files.get(request.url)
            body = Path(path).read_bytes() if path and Path(path).exists() else None
            page = FetchedPage(
                url=request.url,
                final_url=request.url,
                outlet_id=request.outlet_id,
                source_kind=request.source_kind,
                locator=request.locator or request.url,
                fetched_at=datetime.now(UTC),
                http_status=200 if body is not None else 404,
                content_type="text/html; charset=utf-8" if body is not None else None,
                body=body,
                error=None if body is not None else "http 404",
                elapsed_ms=0.0,
                attempts=1,
            )
            pages.append(page)
            if on_result:
                on_result(page)
        return pages
