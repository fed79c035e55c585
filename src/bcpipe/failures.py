"""Findings the pipeline itself reports when a plugin fails (codes BC9xx)."""

from __future__ import annotations

from dataclasses import replace

from bcpipe.findings import Check, Finding, Language, Severity
from bcpipe.plugins import PluginProblem

__all__ = [
    "COMPONENTS_FAILED",
    "PLUGIN_FAILURES",
    "PLUGIN_NOT_LOADED",
    "RULE_CHANGED_DOCUMENT",
    "RULE_FAILED",
    "RULE_TIMED_OUT",
    "TRANSFORM_FAILED",
    "problem_finding",
]

RULE_FAILED = Check(
    "BC900",
    Severity.ERROR,
    vi="Quy tắc {rule} của plugin {plugin} bị lỗi và không kiểm tra được: {error}",
    en="Rule {rule} of plugin {plugin} crashed and did not check the document: {error}",
)
PLUGIN_NOT_LOADED = Check(
    "BC901",
    Severity.ERROR,
    vi="Không nạp được plugin {plugin}: {error}",
    en="Plugin {plugin} could not be loaded: {error}",
)
COMPONENTS_FAILED = Check(
    "BC902",
    Severity.ERROR,
    vi="Plugin {plugin} bị lỗi khi đăng ký thành phần: {error}",
    en="Plugin {plugin} failed while contributing its components: {error}",
)
TRANSFORM_FAILED = Check(
    "BC903",
    Severity.ERROR,
    vi="Bước biến đổi {transform} của plugin {plugin} bị lỗi và đã bị bỏ qua: {error}",
    en="Transform {transform} of plugin {plugin} crashed and was skipped: {error}",
)

RULE_TIMED_OUT = Check(
    "BC904",
    Severity.ERROR,
    vi="Quy tắc {rule} của plugin {plugin} chạy quá {seconds} giây và đã bị dừng "
    "(limits.rule_seconds); văn bản chưa được kiểm tra đủ",
    en="Rule {rule} of plugin {plugin} ran over its budget of {seconds} s and was stopped "
    "(limits.rule_seconds); the document was not fully checked",
)
RULE_CHANGED_DOCUMENT = Check(
    "BC905",
    Severity.ERROR,
    vi="Quy tắc {rule} của plugin {plugin} đã sửa văn bản đang kiểm tra (quy tắc không được "
    "sửa văn bản); kết quả xuất có thể khác bản gốc",
    en="Rule {rule} of plugin {plugin} changed the document it checked (rules must not); "
    "the outputs may differ from the source",
)

#: Every check the pipeline reports for a failed plugin.
PLUGIN_FAILURES = (
    RULE_FAILED,
    PLUGIN_NOT_LOADED,
    COMPONENTS_FAILED,
    TRANSFORM_FAILED,
    RULE_TIMED_OUT,
    RULE_CHANGED_DOCUMENT,
)


def problem_finding(problem: PluginProblem, language: Language) -> Finding:
    """The finding that says a plugin failed to load (BC901) or to contribute (BC902)."""
    check = COMPONENTS_FAILED if problem.stage == "components" else PLUGIN_NOT_LOADED
    finding = check.at((), plugin=problem.plugin, error=problem.message)
    return replace(finding, plugin=problem.plugin, language=language)
