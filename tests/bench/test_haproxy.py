"""The two-node phase's HAProxy (bench/haproxy.py): its configuration balances every request on its own, with no
stickiness, and names the node in each response; the counts the report makes of nodes and answers."""

import http.client
import json
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from bench import haproxy

ROOT = Path(__file__).resolve().parents[2]
needs_haproxy = pytest.mark.skipif(haproxy.binary() is None, reason="haproxy is not installed (make bench-deps)")


def test_the_configuration_balances_round_robin_over_every_node_without_stickiness():
    text = haproxy.config_text(port=8100, nodes=[("node1", 9001), ("node2", 9002)])
    assert "bind 127.0.0.1:8100" in text
    assert "balance roundrobin" in text
    assert "server node1 127.0.0.1:9001" in text and "server node2 127.0.0.1:9002" in text
    assert "http-response set-header X-Tarikh-Node %[srv_name]" in text
    for sticky in ("cookie", "stick", "prefer-last-server", "balance source", "hash-type"):
        assert sticky not in text.replace("no cookie, no stick table, no prefer-last-server", ""), sticky


def test_a_configuration_without_nodes_is_refused():
    with pytest.raises(ValueError):
        haproxy.config_text(port=8100, nodes=[])


@needs_haproxy
def test_haproxy_accepts_the_generated_configuration(tmp_path):
    config = tmp_path / "haproxy.cfg"
    config.write_text(haproxy.config_text(port=haproxy.free_port(), nodes=[("node1", 9001), ("node2", 9002)]))
    checked = subprocess.run([haproxy.binary(), "-c", "-f", str(config)], capture_output=True, text=True)
    assert checked.returncode == 0, checked.stdout + checked.stderr


class Named(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self):
        body = self.server.name.encode()
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *_args):
        pass


@needs_haproxy
def test_requests_on_one_kept_alive_connection_alternate_between_the_nodes(tmp_path):
    """What the bench claims of its HAProxy: one client, one connection, and still every request goes to the next
    node (a sticky setup, or balancing per connection, would send them all to one), named in X-Tarikh-Node."""
    servers = []
    for name in ("first", "second"):
        server = ThreadingHTTPServer(("127.0.0.1", 0), Named)
        server.name = name
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
    nodes = [("node1", servers[0].server_address[1]), ("node2", servers[1].server_address[1])]
    try:
        with haproxy.HAProxy(nodes=nodes, directory=tmp_path) as proxy:
            assert proxy.config.parent == tmp_path and "roundrobin" in proxy.config.read_text()
            connection = http.client.HTTPConnection("127.0.0.1", proxy.port, timeout=5)
            seen = []
            for _request in range(6):
                connection.request("GET", "/")
                response = connection.getresponse()
                seen.append((response.getheader("X-Tarikh-Node"), response.read().decode()))
            connection.close()
    finally:
        for server in servers:
            server.shutdown()
    assert [node for node, _body in seen] in (["node1", "node2"] * 3, ["node2", "node1"] * 3)
    assert all(body == {"node1": "first", "node2": "second"}[node] for node, body in seen)


def test_alternation_counts_each_learners_switches_between_nodes():
    spread = haproxy.alternation({"a": ["node1", "node2", "node1"], "b": ["node2", "node2"], "c": ["node1"]})
    assert spread["per_node"] == {"node1": 3, "node2": 3}
    assert spread["learners"] == 3 and spread["learners_on_several"] == 1
    assert (spread["pairs"], spread["switched"]) == (3, 2)
    assert spread["switched_share"] == pytest.approx(2 / 3)
    assert haproxy.alternation({})["switched_share"] is None


def test_lost_answers_are_the_acknowledged_saves_the_database_lacks():
    acknowledged = ["/en/attempts/7/questions/0/", "/en/attempts/7/questions/1/", "/en/attempts/8/questions/0/",
                    "/en/attempts/8/questions/0/"]  # saved twice, counted once
    result = haproxy.lost_answers(acknowledged, {(7, 0), (8, 0), (9, 4)})
    assert result == {"acknowledged": 4, "distinct": 3, "in_database": 2, "lost": 1, "examples": [(7, 1)]}


@pytest.mark.django_db
def test_the_saved_command_compares_acknowledged_saves_with_the_responses_in_the_database(tmp_path, capsys):
    import argparse

    from bench import prepare
    from quizzes.models import Attempt

    plan = prepare.build(argparse.Namespace(learners=2, loop_learners=2, bank_size=30, exam_questions=3,
                                            submit_rounds=1), {})
    attempt = Attempt.objects.get(pk=plan["learners"][0]["page_attempt"])  # answered: every slot holds a response
    acknowledged = tmp_path / "saved.json"
    acknowledged.write_text(json.dumps([f"/en/attempts/{attempt.pk}/questions/{position}/" for position in range(3)]
                                       + [f"/en/attempts/{attempt.pk}/questions/9/"]))  # a slot it does not have
    haproxy.main(["saved", "--quiz", str(attempt.quiz_id), "--acknowledged", str(acknowledged)])
    result = json.loads(capsys.readouterr().out)
    assert (result["distinct"], result["in_database"], result["lost"]) == (4, 3, 1)
    assert result["examples"] == [[attempt.pk, 9]]
    assert sum(result["attempts"].values()) == 2  # both learners' attempts of that quiz
