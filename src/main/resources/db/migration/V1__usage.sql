-- One row per request (dev.switchboard.usage.UsageRow). Written for both H2 and PostgreSQL: only types and
-- statements both accept. Times are UTC instants; latencies are milliseconds.
create table usage_row (
    id                varchar(32)     not null,
    request_id        varchar(128)    not null,
    started_at        timestamp with time zone not null,
    caller            varchar(128)    not null,
    tenant            varchar(128),
    project           varchar(128),
    dialect           varchar(32)     not null,
    model_group       varchar(256)    not null,
    provider          varchar(256),
    model_ref         varchar(256),
    upstream_model    varchar(512),
    attempts          integer         not null,
    attempt_log       varchar(4000),
    fallback          boolean         not null,
    status            integer         not null,
    error_class       varchar(64),
    stream            boolean         not null,
    ttft_ms           double precision,
    latency_ms        double precision not null,
    prompt_tokens     bigint          not null,
    completion_tokens bigint          not null,
    cached_tokens     bigint          not null,
    image_tokens      bigint          not null,
    image_count       integer         not null,
    tokens_estimated  boolean         not null,
    cost_usd          numeric(24, 10) not null,
    prefix_key        varchar(512),
    prompt            text,
    constraint usage_row_pk primary key (id)
);

create index usage_row_started_at on usage_row (started_at);
create index usage_row_request_id on usage_row (request_id);
