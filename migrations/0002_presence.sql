-- +goose Up
-- Who is connected to which room, as each node reports it. A node's rows
-- count only while the node's heartbeat is fresh: a node that crashed stops
-- beating and its people drop out of presence within seconds. Nothing here
-- is history, only "now".
CREATE TABLE presence_nodes (
    node     text        PRIMARY KEY,
    seen_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE room_presence (
    room        text   NOT NULL,
    node        text   NOT NULL REFERENCES presence_nodes(node) ON DELETE CASCADE,
    account_id  bigint NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    PRIMARY KEY (room, node, account_id)
);
CREATE INDEX room_presence_node ON room_presence (node);

-- +goose Down
DROP TABLE room_presence;
DROP TABLE presence_nodes;
