"""The container recipe and the Kubernetes example agree with the app: the factory they start
exists, the probes ask /healthz on the port the server listens on, the releases are read-only."""

from __future__ import annotations

import importlib
import re

from conftest import ROOT
from ruamel.yaml import YAML

DOCKERFILE = (ROOT / "Dockerfile").read_text(encoding="utf-8")


def manifests() -> list[dict]:  # type: ignore[type-arg]
    return list(YAML(typ="safe", pure=True).load_all((ROOT / "docs" / "kubernetes.yaml").read_text()))


def test_the_dockerfile_starts_the_app_factory_on_its_exposed_port() -> None:
    command = re.search(r"^CMD \[(.*)\]$", DOCKERFILE, re.M)
    assert command
    words = [w.strip(' "') for w in command[1].split(",")]
    module, _, factory = words[words.index("--factory") + 1].partition(":")
    assert callable(getattr(importlib.import_module(module), factory))
    port = words[words.index("--port") + 1]
    assert f"EXPOSE {port}" in DOCKERFILE and f"127.0.0.1:{port}/healthz" in DOCKERFILE
    assert '".[publish,web]"' in DOCKERFILE and "apt-get" not in DOCKERFILE
    assert re.search(r"^USER \d+$", DOCKERFILE, re.M)  # never root


def test_the_kubernetes_example_probes_health_and_mounts_the_releases_read_only() -> None:
    deployment, service = manifests()
    assert (deployment["kind"], service["kind"]) == ("Deployment", "Service")
    (container,) = deployment["spec"]["template"]["spec"]["containers"]
    port = container["ports"][0]
    assert str(port["containerPort"]) in DOCKERFILE
    for probe in ("readinessProbe", "livenessProbe"):
        assert container[probe]["httpGet"] == {"path": "/healthz", "port": port["name"]}
    mounts = {m["name"]: m for m in container["volumeMounts"]}
    env = {e["name"]: e for e in container["env"]}
    assert mounts["releases"]["readOnly"] is True
    assert env["CLAUSEKIT_WEB_BUNDLES"]["value"] == mounts["releases"]["mountPath"]
    assert "secretKeyRef" in env["CLAUSEKIT_WEB_SECRET"]["valueFrom"]
    assert service["spec"]["selector"] == deployment["spec"]["selector"]["matchLabels"]
    assert service["spec"]["ports"][0]["targetPort"] == port["name"]
