-- Tags a user puts on connections ("client: Acme"), to find, filter, sync, export and report
-- on a group of them. A connection's tags go with it when it is deleted.
CREATE TABLE connection_tags (
    connection_id TEXT NOT NULL REFERENCES connections(id) ON DELETE CASCADE,
    tag           TEXT NOT NULL,
    PRIMARY KEY (connection_id, tag)
) STRICT;

CREATE INDEX connection_tags_by_tag ON connection_tags (tag COLLATE NOCASE);
