"""The text of ``version`` and ``info``, laid out as docker lays it out."""

from __future__ import annotations

from typing import Any

from docker_cli.output.humanize import bytes_size


def _pair(indent: int, label: str, value: object) -> str:
    """One aligned line; the values of the client and server sections start
    at the same column."""
    return " " * indent + f"{label + ':':<{20 - indent}}{value}"


def client_version_lines(
    version: str, api_version: str | None, wanted: str | None, platform: str
) -> list[str]:
    import platform as host

    shown = api_version or "unversioned (Remote API v1.2)"
    if api_version and wanted and api_version != wanted:
        shown = f"{api_version} (downgraded from {wanted})"
    return [
        "Client:",
        _pair(1, "Version", version),
        _pair(1, "API version", shown),
        _pair(1, "Python version", host.python_version()),
        _pair(1, "OS/Arch", platform),
        _pair(1, "Context", "default"),
    ]


def server_version_lines(server: dict[str, Any]) -> list[str]:
    name = (server.get("Platform") or {}).get("Name") or ""
    lines = ["Server:" + (f" {name}" if name else "")]
    components = server.get("Components") or [_engine_of(server)]
    for component in components:
        lines.append(f" {component.get('Name')}:")
        if component.get("Name") == "Engine":
            lines += _engine_lines(component)
        else:
            lines += _component_lines(component)
    return lines


def _engine_of(server: dict[str, Any]) -> dict[str, Any]:
    """Old daemons list no components; describe the engine from the top."""
    details = {key: value for key, value in server.items() if key != "Version"}
    return {"Name": "Engine", "Version": server.get("Version", ""), "Details": details}


def _engine_lines(engine: dict[str, Any]) -> list[str]:
    details = engine.get("Details") or {}
    api_version = details.get("ApiVersion")
    if api_version:
        minimum = details.get("MinAPIVersion") or api_version
        api_text = f"{api_version} (minimum version {minimum})"
    else:
        api_text = "unversioned (Remote API v1.2)"
    lines = [
        _pair(2, "Version", engine.get("Version", "")),
        _pair(2, "API version", api_text),
        _pair(2, "Go version", details.get("GoVersion", "")),
        _pair(2, "Git commit", details.get("GitCommit", "")),
    ]
    if "BuildTime" in details or "Os" in details:
        lines += [
            _pair(2, "Built", _build_time(details.get("BuildTime", ""))),
            _pair(2, "OS/Arch", f"{details.get('Os')}/{details.get('Arch')}"),
            _pair(2, "Experimental", str(details.get("Experimental", False)).lower()),
        ]
    return lines


def _component_lines(component: dict[str, Any]) -> list[str]:
    lines = [_pair(2, "Version", component.get("Version", ""))]
    for key, value in sorted((component.get("Details") or {}).items()):
        lines.append(_pair(2, key, value))
    return lines


def _build_time(text: str) -> str:
    """docker prints build times like Go's time.ANSIC, in local time."""
    from datetime import datetime

    try:
        when = datetime.fromisoformat(text[:26].rstrip("Z") + "+00:00")
    except ValueError:
        return text
    local = when.astimezone()
    return local.strftime("%a %b ") + f"{local.day:>2}" + local.strftime(" %H:%M:%S %Y")


def client_info_lines(version: str, debug: bool) -> list[str]:
    return [
        "Client:",
        f" Version:    {version}",
        " Context:    default",
        f" Debug Mode: {str(debug).lower()}",
    ]


def server_info_lines(info: dict[str, Any]) -> tuple[list[str], list[str]]:
    """The Server section of ``info`` and the warnings to print after it."""
    lines = [
        f" Containers: {info.get('Containers', 0)}",
    ]
    for key in ("Running", "Paused", "Stopped"):
        if f"Containers{key}" in info:
            lines.append(f"  {key}: {info[f'Containers{key}']}")
    lines.append(f" Images: {info.get('Images', 0)}")
    if "ServerVersion" not in info:
        return lines + _legacy_info_lines(info), []
    lines += _engine_info_lines(info)
    return lines, list(info.get("Warnings") or [])


def _legacy_info_lines(info: dict[str, Any]) -> list[str]:
    known = {"Containers", "Images"}
    return [
        f" {key}: {_text(value)}" for key, value in info.items() if key not in known
    ]


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return str(value).lower()
    return str(value)


def _engine_info_lines(info: dict[str, Any]) -> list[str]:
    lines = [
        f" Server Version: {info.get('ServerVersion')}",
        f" Storage Driver: {info.get('Driver')}",
    ]
    lines += [f"  {key}: {value}" for key, value in info.get("DriverStatus") or []]
    lines += [
        f" Logging Driver: {info.get('LoggingDriver')}",
        f" Cgroup Driver: {info.get('CgroupDriver')}",
        f" Cgroup Version: {info.get('CgroupVersion')}",
        " Plugins:",
    ]
    plugins = info.get("Plugins") or {}
    for kind in ("Volume", "Network", "Authorization", "Log"):
        if plugins.get(kind):
            lines.append(f"  {kind}: {' '.join(plugins[kind])}")
    swarm = (info.get("Swarm") or {}).get("LocalNodeState") or "inactive"
    lines.append(f" Swarm: {swarm}")
    lines += _runtime_lines(info)
    lines += _security_lines(info.get("SecurityOptions") or [])
    lines += [
        f" Kernel Version: {info.get('KernelVersion')}",
        f" Operating System: {info.get('OperatingSystem')}",
        f" OSType: {info.get('OSType')}",
        f" Architecture: {info.get('Architecture')}",
        f" CPUs: {info.get('NCPU')}",
        f" Total Memory: {bytes_size(info.get('MemTotal') or 0)}",
        f" Name: {info.get('Name')}",
        f" ID: {info.get('ID')}",
        f" Docker Root Dir: {info.get('DockerRootDir')}",
        f" Debug Mode: {_text(info.get('Debug', False))}",
    ]
    lines += _registry_lines(info)
    lines.append(
        f" Live Restore Enabled: {_text(info.get('LiveRestoreEnabled', False))}"
    )
    return lines


def _runtime_lines(info: dict[str, Any]) -> list[str]:
    runtimes = " ".join(sorted(info.get("Runtimes") or {}))

    def commit(key: str) -> str:
        return str((info.get(key) or {}).get("ID", ""))

    return [
        f" Runtimes: {runtimes}",
        f" Default Runtime: {info.get('DefaultRuntime')}",
        f" Init Binary: {info.get('InitBinary')}",
        f" containerd version: {commit('ContainerdCommit')}",
        f" runc version: {commit('RuncCommit')}",
        f" init version: {commit('InitCommit')}",
    ]


def _security_lines(options: list[str]) -> list[str]:
    if not options:
        return []
    lines = [" Security Options:"]
    for option in options:
        fields = dict(part.split("=", 1) for part in option.split(",") if "=" in part)
        lines.append(f"  {fields.pop('name', option)}")
        lines += [f"   {key.title()}: {value}" for key, value in fields.items()]
    return lines


def _registry_lines(info: dict[str, Any]) -> list[str]:
    config = info.get("RegistryConfig") or {}
    lines = [f" Experimental: {_text(info.get('ExperimentalBuild', False))}"]
    insecure = [
        name
        for name, index in (config.get("IndexConfigs") or {}).items()
        if not index.get("Secure") and name != "docker.io"
    ]
    insecure += config.get("InsecureRegistryCIDRs") or []
    if insecure:
        lines.append(" Insecure Registries:")
        lines += [f"  {entry}" for entry in insecure]
    mirrors = config.get("Mirrors") or []
    if mirrors:
        lines.append(" Registry Mirrors:")
        lines += [f"  {mirror}" for mirror in mirrors]
    return lines
