// The checking page: sends the document to this service's /v1 API and shows what it
// found beside the text. Nothing is loaded from elsewhere.
"use strict";

const WORDS = {
  vi: {
    title: "Kiểm tra văn bản hành chính",
    subtitle: "Theo Nghị định 30/2020/NĐ-CP. Văn bản không rời khỏi máy chủ này.",
    document: "Văn bản", findings: "Kết quả", check: "Kiểm tra", edit: "Sửa",
    drop: "Kéo thả tệp vào đây (.txt, .docx, .yaml, .pdf) hoặc dán nội dung bên dưới",
    paste: "Dán nội dung văn bản vào đây…", idle: "Chưa kiểm tra.", working: "Đang kiểm tra…",
    download: "Tải về", footer: "bcpipe — API: ", empty: "Chưa có nội dung để kiểm tra.",
    ok: "Không có lỗi", notOk: "Có lỗi cần sửa",
    counts: (c) => `${c.error} lỗi, ${c.warning} cảnh báo, ${c.info} ghi chú`,
    line: "dòng", whole: "toàn văn bản", file: "Tệp", binary: "Số dòng là của nội dung đọc từ tệp.",
    exporting: "Đang tạo tệp…", ready: "Tệp đã sẵn sàng:", failed: "Không thực hiện được",
    severity: { error: "Lỗi", warning: "Cảnh báo", info: "Ghi chú" },
  },
  en: {
    title: "Check an administrative document",
    subtitle: "Under Decree 30/2020/NĐ-CP. The document does not leave this server.",
    document: "Document", findings: "Findings", check: "Check", edit: "Edit",
    drop: "Drop a file here (.txt, .docx, .yaml, .pdf) or paste the text below",
    paste: "Paste the document's text here…", idle: "Not checked yet.", working: "Checking…",
    download: "Download", footer: "bcpipe — API: ", empty: "There is nothing to check yet.",
    ok: "No errors", notOk: "Errors to fix",
    counts: (c) => `${c.error} error(s), ${c.warning} warning(s), ${c.info} info`,
    line: "line", whole: "whole document", file: "File", binary: "Line numbers are those of the text read from the file.",
    exporting: "Making the file…", ready: "File ready:", failed: "Could not do it",
    severity: { error: "Error", warning: "Warning", info: "Info" },
  },
};
// Offered when the service exports them, in this order.
const DOWNLOADS = [["pdf", "PDF"], ["docx", ".docx"], ["edxml", "edXML"], ["xml", "XML"]];

const $ = (id) => document.getElementById(id);
// name: the file's name the text came from (findings and downloads are named after it).
const state = { lang: "vi", file: null, name: "van-ban.txt", report: null, problem: null, formats: [] };

function t(key) { return WORDS[state.lang][key]; }

function setLanguage(lang) {
  state.lang = lang;
  document.documentElement.lang = lang;
  for (const l of ["vi", "en"]) {
    $("lang-" + l).classList.toggle("on", l === lang);
    $("lang-" + l).setAttribute("aria-pressed", String(l === lang));
  }
  for (const el of document.querySelectorAll("[data-t]")) {
    const value = WORDS[lang][el.dataset.t];
    if (typeof value === "string") el.textContent = value;
  }
  $("text").placeholder = t("paste");
  render();
}

// What to send: the dropped file as it is, or the pasted text.
function body() {
  if (state.file) {
    return { data: state.file, name: state.file.name };
  }
  const text = $("text").value;
  if (!text.trim()) return null;
  return { data: new Blob([text], { type: "text/plain;charset=utf-8" }), name: state.name };
}

function url(path, name) {
  const q = new URLSearchParams({ filename: name, lang: state.lang });
  return `${path}?${q}`;
}

async function post(path, doc) {
  // A file goes as it is, its kind told by its name; pasted text is text, and text
  // read from a .yaml (or .json, .xml) file is read by that file's reader.
  const type = state.file || !/\.txt$/i.test(doc.name) ? "application/octet-stream" : "text/plain; charset=utf-8";
  return fetch(url(path, doc.name), { method: "POST", body: doc.data, headers: { "Content-Type": type } });
}

async function problemOf(response) {
  try {
    return await response.json();
  } catch (e) {
    return { detail: `HTTP ${response.status}` };
  }
}

async function problemText(response) {
  const p = await problemOf(response);
  return p.detail || p.title || `HTTP ${response.status}`;
}

// A document that cannot be read still shows where: each problem as a finding on its
// line (the messages are the CLI's, in English).
function problemFindings(p) {
  const items = p.problems || (p.line ? [{ path: "", message: p.detail, line: p.line }] : []);
  return items.map((item) => ({
    code: "", severity: "error", message_vi: item.message, message_en: item.message,
    location: { line: item.line, path: item.path || "" },
  }));
}

async function check() {
  const doc = body();
  if (!doc) { state.report = null; state.problem = t("empty"); state.problemFindings = []; render(); return; }
  $("check").disabled = true;
  $("status").textContent = t("working");
  $("status").className = "status";
  try {
    const response = await post("/v1/validate", doc);
    if (response.ok) {
      state.report = (await response.json()).files[0];
      state.problem = null;
      state.problemFindings = [];
    } else {
      const p = await problemOf(response);
      state.report = null;
      state.problem = (p.detail || p.title || `HTTP ${response.status}`).split("\n")[0];
      state.problemFindings = problemFindings(p);
    }
  } catch (e) {
    state.report = null;
    state.problem = String(e);
    state.problemFindings = [];
  } finally {
    $("check").disabled = false;
  }
  $("links").textContent = "";
  showView();
  render();
}

function showView() {
  const view = $("view");
  view.textContent = "";
  if (state.file) {
    $("text").hidden = true;
    view.hidden = true;
    $("fileinfo").hidden = false;
    $("fileinfo").textContent = `${t("file")}: ${state.file.name} — ${t("binary")}`;
  } else {
    const lines = $("text").value.split(/\r\n|\r|\n/);
    lines.forEach((line, i) => {
      const li = document.createElement("li");
      li.id = "L" + (i + 1);
      const n = document.createElement("span");
      n.className = "n";
      n.textContent = String(i + 1);
      const text = document.createElement("span");
      text.className = "t";
      text.textContent = line || " ";
      li.append(n, text);
      view.append(li);
    });
    $("text").hidden = true;
    view.hidden = false;
  }
  $("edit").hidden = false;
}

function edit() {
  $("view").hidden = true;
  $("fileinfo").hidden = true;
  $("text").hidden = false;
  $("edit").hidden = true;
  if (state.file) { state.file = null; state.name = "van-ban.txt"; $("file").value = ""; }
  $("text").focus();
}

const RANK = { error: 3, warning: 2, info: 1 };

function render() {
  const list = $("list");
  list.textContent = "";
  for (const li of document.querySelectorAll(".view li")) li.classList.remove("error", "warning", "info");
  const status = $("status");
  if (state.problem) {
    status.textContent = "";
    const p = document.createElement("span");
    p.className = "problem";
    p.textContent = state.problem;
    status.append(p);
    status.className = "status bad";
    $("downloads").hidden = true;
    showFindings(state.problemFindings || []);
    return;
  }
  const report = state.report;
  if (!report) { status.textContent = t("idle"); status.className = "status"; $("downloads").hidden = true; return; }
  status.textContent = `${report.ok ? t("ok") : t("notOk")}: ${t("counts")(report.counts)}`;
  status.className = "status " + (report.ok ? "good" : "bad");
  showFindings(report.findings);
  renderDownloads();
}

function showFindings(all) {
  const list = $("list");
  // The clerk's order: the document as a whole first, then line by line.
  const findings = [...all].sort((a, b) => (a.location.line || 0) - (b.location.line || 0));
  const marked = {};
  for (const f of findings) {
    const li = document.createElement("li");
    li.className = f.severity;
    li.dataset.code = f.code;
    const head = document.createElement("div");
    const code = document.createElement("span");
    code.className = "code";
    code.textContent = f.code || "!";
    head.append(code, document.createTextNode(state.lang === "vi" ? f.message_vi : f.message_en));
    const meta = document.createElement("div");
    meta.className = "meta";
    const line = f.location.line;
    const where = line ? `${t("line")} ${line}` : t("whole");
    meta.textContent = `${t("severity")[f.severity]} · ${where}${f.location.path ? " · " + f.location.path : ""}`;
    li.append(head, meta);
    if (line) {
      li.dataset.line = String(line);
      li.addEventListener("click", () => focusLine(line));
      if (!marked[line] || RANK[f.severity] > RANK[marked[line]]) marked[line] = f.severity;
    }
    list.append(li);
  }
  for (const [line, severity] of Object.entries(marked)) {
    const row = $("L" + line);
    if (row) row.classList.add(severity);
  }
}

function focusLine(line) {
  for (const li of document.querySelectorAll(".view li.focus")) li.classList.remove("focus");
  const row = $("L" + line);
  if (!row) return;
  row.classList.add("focus");
  // Scroll the text, not the page: the findings stay where the clerk is.
  const view = $("view");
  view.scrollTop = row.offsetTop - view.clientHeight / 3;
}

function renderDownloads() {
  const offered = DOWNLOADS.filter(([fmt]) => state.formats.includes(fmt));
  const box = $("buttons");
  box.textContent = "";
  for (const [fmt, label] of offered) {
    const b = document.createElement("button");
    b.type = "button";
    b.id = "download-" + fmt;
    b.textContent = label;
    b.addEventListener("click", () => download(fmt, b));
    box.append(b);
  }
  $("downloads").hidden = offered.length === 0;
}

async function download(fmt, button) {
  const doc = body();
  if (!doc) return;
  button.disabled = true;
  const links = $("links");
  links.textContent = t("exporting");
  try {
    const response = await post("/v1/export/" + fmt, doc);
    if (!response.ok) { links.textContent = `${t("failed")}: ${await problemText(response)}`; return; }
    const blob = await response.blob();
    const disposition = response.headers.get("Content-Disposition") || "";
    const m = /filename\*=UTF-8''([^;]+)/.exec(disposition);
    const name = m ? decodeURIComponent(m[1]) : `van-ban.${fmt}`;
    const a = document.createElement("a");
    a.href = URL.createObjectURL(blob);
    a.download = name;
    a.className = "file-link";
    a.dataset.format = fmt;
    a.dataset.size = String(blob.size);
    a.textContent = name;
    links.textContent = t("ready") + " ";
    links.append(a);
    a.click();
  } catch (e) {
    links.textContent = `${t("failed")}: ${e}`;
  } finally {
    button.disabled = false;
  }
}

function takeFile(file) {
  if (!file) return;
  state.file = file;
  state.name = file.name;
  const textual = /\.(txt|ya?ml|json|xml|toml|edxml)$/i.test(file.name);
  if (textual) {
    // Text files are shown (and sent) as text, so their lines can be highlighted.
    file.text().then((text) => { state.file = null; $("text").value = text; check(); });
  } else {
    check();
  }
}

async function loadFormats() {
  try {
    const response = await fetch("/v1/formats");
    if (response.ok) state.formats = (await response.json()).export.map((e) => e.name);
  } catch (e) {
    state.formats = [];
  }
}

document.addEventListener("DOMContentLoaded", () => {
  $("lang-vi").addEventListener("click", () => setLanguage("vi"));
  $("lang-en").addEventListener("click", () => setLanguage("en"));
  $("check").addEventListener("click", check);
  $("edit").addEventListener("click", edit);
  $("file").addEventListener("change", (e) => takeFile(e.target.files[0]));
  const drop = $("drop");
  for (const target of [drop, $("text")]) {
    target.addEventListener("dragover", (e) => { e.preventDefault(); drop.classList.add("over"); });
    target.addEventListener("dragleave", () => drop.classList.remove("over"));
    target.addEventListener("drop", (e) => {
      e.preventDefault();
      drop.classList.remove("over");
      takeFile(e.dataTransfer.files[0]);
    });
  }
  // Vietnamese first (the page is a clerk's); ?lang=en for English from the start.
  const asked = new URLSearchParams(location.search).get("lang");
  loadFormats().then(() => setLanguage(asked === "en" ? "en" : "vi"));
});
