// reportbot's page: chat with cited answers, the report's sections and
// figures, a comparison across reports and brief downloads.
//
// Every string from the server is put into the page as text (textContent,
// text nodes), never as HTML. Offsets from the server are code points;
// JavaScript strings are UTF-16, so the report text is split with
// Array.from before it is sliced.
"use strict";

(function () {
  // ---- i18n -------------------------------------------------------------
  const STRINGS = {
    zh: {
      "app.title": "政府工作报告问答",
      "tab.chat": "问答", "tab.report": "报告", "tab.compare": "对比", "tab.brief": "简报",
      "chat.intro": "问一个关于报告的问题。每个回答都引用原文，点 [1] 可在报告中查看被引用的段落。",
      "chat.label": "问题", "chat.placeholder": "例如：2023年规上工业总产值是多少?", "chat.send": "发送",
      "corpus.n": "{n} 份报告", "chat.scope": "范围", "chat.all": "全部报告", "chat.thinking": "正在查找…", "chat.new": "新对话（清空上下文）", "chat.sources": "来源", "chat.loaded": "已载入：",
      "chat.unanswerable": "报告未提及", "chat.error": "出错了：",
      "mode.extractive": "原文摘录", "mode.llm": "模型撰写·已核对", "mode.fallback": "模型未通过核对·改用原文",
      "report.choose": "报告", "report.sections": "章节", "report.figures": "数据",
      "report.delivered": "报告日期", "report.date": "发布日期", "report.source": "来源", "report.region": "地区",
      "fig.kind": "类型", "fig.all": "全部", "fig.period": "时期", "fig.section": "章节", "fig.metric": "指标",
      "fig.metricph": "筛选指标", "fig.raw": "数值", "fig.count": "{n} 项",
      "kind.actual": "实绩", "kind.target": "目标", "kind.change": "增减",
      "block.intro": "引言", "block.headline": "主要指标", "block.requirements": "总体要求", "block.shortcomings": "不足",
      "block.highlights": "亮点", "block.work": "工作", "block.closing": "结语", "block.body": "正文",
      "compare.label": "要对比的指标", "compare.placeholder": "例如：规上工业总产值、2024年地区生产总值增长目标",
      "compare.go": "对比", "compare.help": "在所有已载入的报告中查找同一指标，每份报告一行。",
      "compare.report": "报告", "compare.sentence": "原文", "compare.none": "未提及", "compare.found": "{n} / {m} 份报告有此指标",
      "brief.title": "简报下载", "brief.help": "生成报告或某一主题的简报：摘要、关键数据、目标任务、分节要点与引文。",
      "brief.topic": "主题（可空）", "brief.topicph": "例如：交通、民生、transport",
      "brief.working": "正在生成…", "brief.done": "已下载 {name}（{size}）",
      "reader.close": "关闭", "reader.where": "第 {s}–{e} 字",
      "token.button": "令牌", "token.title": "需要访问令牌", "token.help": "此服务器需要令牌。请输入启动服务器时设置的令牌。",
      "token.wrong": "令牌不正确。", "token.ok": "确定",
      "err.busy": "服务器繁忙，请稍后再试。", "err.rate": "请求过于频繁，请 {s} 秒后再试。",
      "samples": ["2023年规上工业总产值是多少?", "2024年新增规上工业企业目标是多少?", "2023年全社会固定资产投资是多少?", "报告提到了哪些问题和不足?"],
      "compareSamples": ["规上工业总产值", "全社会固定资产投资", "社会消费品零售总额"],
    },
    en: {
      "app.title": "Work report Q&A",
      "tab.chat": "Ask", "tab.report": "Report", "tab.compare": "Compare", "tab.brief": "Brief",
      "chat.intro": "Ask a question about the report. Every answer cites the text; click [1] to see the cited passage in the report.",
      "chat.label": "Question", "chat.placeholder": "e.g. 规上工业总产值是多少?", "chat.send": "Send",
      "corpus.n": "{n} reports", "chat.scope": "Scope", "chat.all": "All reports", "chat.thinking": "Searching…", "chat.new": "New conversation (forget the context)", "chat.sources": "Sources", "chat.loaded": "Loaded: ",
      "chat.unanswerable": "Not in the report", "chat.error": "Error: ",
      "mode.extractive": "quoted from the report", "mode.llm": "written by the model · checked", "mode.fallback": "model answer failed the check · quoted instead",
      "report.choose": "Report", "report.sections": "Sections", "report.figures": "Figures",
      "report.delivered": "Delivered", "report.date": "Published", "report.source": "Source", "report.region": "Region",
      "fig.kind": "Kind", "fig.all": "All", "fig.period": "Period", "fig.section": "Section", "fig.metric": "Metric",
      "fig.metricph": "filter metrics", "fig.raw": "Figure", "fig.count": "{n} figures",
      "kind.actual": "actual", "kind.target": "target", "kind.change": "change",
      "block.intro": "Introduction", "block.headline": "Headline figures", "block.requirements": "Overall requirements", "block.shortcomings": "Shortcomings",
      "block.highlights": "Highlights", "block.work": "Work", "block.closing": "Closing", "block.body": "Text",
      "compare.label": "Quantity to compare", "compare.placeholder": "e.g. 规上工业总产值, 2024年地区生产总值增长目标",
      "compare.go": "Compare", "compare.help": "Finds the same quantity in every loaded report: one row per report.",
      "compare.report": "Report", "compare.sentence": "Sentence", "compare.none": "not stated", "compare.found": "stated in {n} of {m} reports",
      "brief.title": "Briefing notes", "brief.help": "A brief of the report or of one topic: summary, key figures, targets, key points and the cited passages.",
      "brief.topic": "Topic (optional)", "brief.topicph": "e.g. 交通, 民生, transport",
      "brief.working": "Building…", "brief.done": "Downloaded {name} ({size})",
      "reader.close": "Close", "reader.where": "code points {s}–{e}",
      "token.button": "Token", "token.title": "Access token needed", "token.help": "This server needs a token. Enter the token it was started with.",
      "token.wrong": "That token is not right.", "token.ok": "OK",
      "err.busy": "The server is busy; try again shortly.", "err.rate": "Too many requests; try again in {s} s.",
      "samples": ["2023年规上工业总产值是多少?", "How much did fixed-asset investment grow in 2023?", "What shortcomings does the report name?", "2024年新增规上工业企业目标是多少?"],
      "compareSamples": ["规上工业总产值", "全社会固定资产投资", "社会消费品零售总额"],
    },
  };
  const STATUS_EN = { "文件已失效": "expired" };

  let lang = localStorage.getItem("reportbot.lang") === "en" ? "en" : "zh";

  function t(key, vars) {
    let s = STRINGS[lang][key];
    if (s === undefined) s = STRINGS.zh[key];
    if (s === undefined) return key;
    if (typeof s === "string" && vars) {
      s = s.replace(/\{(\w+)\}/g, (m, k) => (k in vars ? String(vars[k]) : m));
    }
    return s;
  }

  function applyLang() {
    document.documentElement.lang = lang === "zh" ? "zh-CN" : "en";
    document.title = "reportbot · " + t("app.title");
    for (const n of document.querySelectorAll("[data-i18n]")) n.textContent = t(n.dataset.i18n);
    for (const n of document.querySelectorAll("[data-i18n-placeholder]")) n.placeholder = t(n.dataset.i18nPlaceholder);
    for (const n of document.querySelectorAll("[data-i18n-aria]")) n.setAttribute("aria-label", t(n.dataset.i18nAria));
    for (const n of document.querySelectorAll("[data-i18n-title]")) n.title = t(n.dataset.i18nTitle);
    $("#lang").textContent = lang === "zh" ? "EN" : "中文";
    renderSamples();
    renderLoaded();
    for (const fn of onLang) fn();
  }
  const onLang = [];

  // ---- DOM helpers ------------------------------------------------------
  const $ = (sel, root) => (root || document).querySelector(sel);

  // el builds an element; string children become text nodes, so nothing
  // passed here is ever parsed as HTML.
  function el(tag, attrs, ...children) {
    const n = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === undefined || v === null || v === false) continue;
      if (k === "class") n.className = v;
      else if (k === "text") n.textContent = v;
      else if (k.startsWith("on")) n.addEventListener(k.slice(2), v);
      else if (k === "dataset") Object.assign(n.dataset, v);
      else n.setAttribute(k, v === true ? "" : v);
    }
    for (const c of children.flat()) {
      if (c === undefined || c === null || c === false) continue;
      n.append(typeof c === "string" || typeof c === "number" ? document.createTextNode(String(c)) : c);
    }
    return n;
  }

  function statusBadge(status) {
    if (!status) return null;
    const label = lang === "en" && STATUS_EN[status] ? status + " · " + STATUS_EN[status] : status;
    return el("span", { class: "badge warn", title: status, text: "⚠ " + label });
  }

  // ---- API --------------------------------------------------------------
  let token = sessionStorage.getItem("reportbot.token") || "";
  let tokenWaiters = null;

  function askToken(wrong) {
    if (!tokenWaiters) {
      tokenWaiters = [];
      $("#token-error").hidden = !wrong;
      $("#token-input").value = "";
      $("#token-btn").hidden = false;
      const d = $("#token-dialog");
      if (!d.open) d.showModal();
    }
    return new Promise((resolve) => tokenWaiters.push(resolve));
  }

  $("#token-form").addEventListener("submit", () => {
    token = $("#token-input").value.trim();
    sessionStorage.setItem("reportbot.token", token);
    const ws = tokenWaiters || [];
    tokenWaiters = null;
    for (const w of ws) w();
  });
  $("#token-btn").addEventListener("click", () => askToken(false).then(loadAll));

  class APIError extends Error {
    constructor(status, body, retry) {
      const e = (body && body.error) || {};
      super(e.message || "HTTP " + status);
      this.status = status;
      this.code = e.code;
      this.retry = retry;
    }
    describe() {
      if (this.status === 503) return t("err.busy");
      if (this.status === 429) return t("err.rate", { s: this.retry || 1 });
      return this.message;
    }
  }

  // api fetches a route with the token; a 401 asks for the token and
  // tries again.
  async function api(path, opts) {
    opts = opts || {};
    for (let attempt = 0; ; attempt++) {
      const headers = Object.assign({}, opts.headers || {});
      if (token) headers["Authorization"] = "Bearer " + token;
      if (opts.json !== undefined) headers["Content-Type"] = "application/json";
      const res = await fetch(path, {
        method: opts.method || (opts.json !== undefined ? "POST" : "GET"),
        headers,
        body: opts.json !== undefined ? JSON.stringify(opts.json) : undefined,
      });
      if (res.status === 401 && attempt < 5) {
        await askToken(attempt > 0 || token !== "");
        continue;
      }
      if (!res.ok) {
        let body = null;
        try { body = await res.json(); } catch (e) { /* not JSON */ }
        throw new APIError(res.status, body, res.headers.get("Retry-After"));
      }
      return res;
    }
  }
  const getJSON = async (path) => (await api(path)).json();

  // readEvents reads a server-sent event stream and calls on(name, data)
  // for each event.
  async function readEvents(res, on) {
    const reader = res.body.getReader();
    const dec = new TextDecoder();
    let buf = "";
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buf += dec.decode(value, { stream: true }).replace(/\r\n/g, "\n");
      let i;
      while ((i = buf.indexOf("\n\n")) >= 0) {
        const block = buf.slice(0, i);
        buf = buf.slice(i + 2);
        let name = "message";
        const data = [];
        for (const line of block.split("\n")) {
          if (line.startsWith("event:")) name = line.slice(6).trim();
          else if (line.startsWith("data:")) data.push(line.slice(5).replace(/^ /, ""));
        }
        if (data.length) on(name, data.join("\n"));
      }
    }
  }

  // ---- reports and their text -------------------------------------------
  let reports = [];
  const texts = new Map(); // index → Promise of {title, status, cps}

  function reportText(i) {
    if (!texts.has(i)) {
      const p = getJSON("/api/reports/" + i + "/text").then((r) => ({ title: r.title, status: r.status, cps: Array.from(r.text) }));
      p.catch(() => texts.delete(i));
      texts.set(i, p);
    }
    return texts.get(i);
  }

  function reportIndex(file, title) {
    let r = reports.find((x) => file && x.file === file);
    if (!r) r = reports.find((x) => x.title === title);
    return r ? r.index : 0;
  }

  // ---- the reader: a report's text with one span highlighted ---------------
  async function openReader(i, start, end, where) {
    const reader = $("#reader");
    const box = $("#reader-text");
    reader.hidden = false;
    document.body.classList.add("reading");
    const doc = await reportText(i);
    const cps = doc.cps;
    start = Math.max(0, Math.min(start, cps.length));
    end = Math.max(start, Math.min(end, cps.length));
    $("#reader-title").textContent = doc.title;
    $("#reader-status").replaceChildren(statusBadge(doc.status) || "");
    $("#reader-where").textContent = (where ? where + " · " : "") + t("reader.where", { s: start, e: end });
    const mark = el("mark", { id: "hl", tabindex: "-1" }, cps.slice(start, end).join(""));
    box.replaceChildren(document.createTextNode(cps.slice(0, start).join("")), mark, document.createTextNode(cps.slice(end).join("")));
    box.dataset.start = start;
    box.dataset.end = end;
    box.dataset.report = i;
    requestAnimationFrame(() => {
      mark.scrollIntoView({ block: "center", behavior: "instant" });
      mark.focus({ preventScroll: true });
    });
  }

  function closeReader() {
    $("#reader").hidden = true;
    document.body.classList.remove("reading");
  }
  $("#reader-close").addEventListener("click", closeReader);
  document.addEventListener("keydown", (e) => {
    if (e.key === "Escape" && !$("#reader").hidden && !$("#token-dialog").open) closeReader();
  });

  // ---- tabs ------------------------------------------------------------------
  function showTab(name) {
    for (const b of document.querySelectorAll("[data-tab]")) b.setAttribute("aria-selected", String(b.dataset.tab === name));
    for (const p of document.querySelectorAll(".pane")) p.hidden = p.id !== "tab-" + name;
    if (name === "report") loadReport();
  }
  for (const b of document.querySelectorAll("[data-tab]")) b.addEventListener("click", () => showTab(b.dataset.tab));

  // ---- chat ------------------------------------------------------------------
  const history = []; // {question, answer}
  const answered = []; // {bubble, ans}: re-rendered when the language changes
  onLang.push(() => { for (const a of answered) renderAnswer(a.bubble, a.ans); });
  const MARKER = /\[(\d{1,3}(?:,\d{1,3})*)\]/g;

  function renderSamples() {
    const box = $("#samples");
    box.replaceChildren(...t("samples").map((q) => el("button", { type: "button", class: "chip", onclick: () => ask(q) }, q)));
    const cbox = $("#compare-samples");
    cbox.replaceChildren(...t("compareSamples").map((q) => el("button", { type: "button", class: "chip", onclick: () => { $("#compare-text").value = q; compare(); } }, q)));
  }

  function renderLoaded() {
    const box = $("#loaded");
    if (!reports.length) { box.replaceChildren(); return; }
    box.replaceChildren(el("span", { class: "muted" }, t("chat.loaded")),
      ...reports.map((r) => el("span", { class: "loaded-report" }, "《" + r.title + "》", statusBadge(r.status))));
    $("#corpus").textContent = reports.length === 1 ? reports[0].title : t("corpus.n", { n: reports.length });
  }

  // answerText renders an answer's text with its [n] markers as buttons
  // that open the cited passage.
  function answerText(text, cites) {
    const box = el("div", { class: "answer-text" });
    let last = 0;
    for (const m of text.matchAll(MARKER)) {
      box.append(document.createTextNode(text.slice(last, m.index)));
      const nums = m[1].split(",").map(Number);
      const group = el("span", { class: "cites" });
      for (const n of nums) {
        const c = cites.find((x) => x.n === n);
        group.append(c
          ? el("button", { type: "button", class: "cite", dataset: { n: String(n) }, title: c.label || "", onclick: () => openCitation(c) }, "[" + n + "]")
          : document.createTextNode("[" + n + "]"));
      }
      box.append(group);
      last = m.index + m[0].length;
    }
    box.append(document.createTextNode(text.slice(last)));
    return box;
  }

  function openCitation(c) {
    openReader(reportIndex(c.file, c.report), c.start, c.end, c.label);
  }

  function renderAnswer(bubble, ans) {
    const cites = ans.citations || [];
    const parts = [answerText(ans.answer, cites)];
    const meta = el("div", { class: "answer-meta" });
    if (ans.mode) meta.append(el("span", { class: "badge mode-" + ans.mode, title: ans.mode }, t("mode." + ans.mode)));
    if (!ans.answerable) meta.append(el("span", { class: "badge" }, t("chat.unanswerable")));
    if (ans.note) meta.append(el("span", { class: "note" }, ans.note));
    if (meta.childNodes.length) parts.push(meta);
    if (cites.length) {
      const list = el("ol", { class: "sources" });
      for (const c of cites) {
        list.append(el("li", { value: String(c.n) },
          el("button", { type: "button", class: "source", onclick: () => openCitation(c) },
            el("span", { class: "source-head" },
              el("span", { class: "cite-n" }, "[" + c.n + "]"),
              el("span", { class: "source-report" }, "《" + c.report + "》"),
              statusBadge(c.status),
              c.label ? el("span", { class: "source-label" }, c.label) : null),
            el("span", { class: "quote" }, c.text))));
      }
      parts.push(el("details", { class: "sources-box", open: true }, el("summary", {}, t("chat.sources") + " (" + cites.length + ")"), list));
    }
    bubble.classList.remove("pending");
    bubble.classList.toggle("unanswerable", !ans.answerable);
    bubble.replaceChildren(...parts);
  }

  async function ask(question) {
    question = question.trim();
    if (!question) return;
    showTab("chat");
    const msgs = $("#messages");
    const intro = $(".intro", msgs);
    if (intro) intro.classList.add("compact");
    msgs.append(el("div", { class: "msg user" }, el("div", { class: "bubble" }, question)));
    const bubble = el("div", { class: "bubble pending" }, el("span", { class: "thinking" }, t("chat.thinking")));
    const row = el("div", { class: "msg bot" }, bubble);
    msgs.append(row);
    row.scrollIntoView({ block: "end", behavior: "smooth" });
    $("#send").disabled = true;
    let draft = "";
    try {
      const res = await api("/api/ask", { json: { question, history: history.slice(-6), report: $("#scope").value, stream: true } });
      let final = null;
      await readEvents(res, (name, data) => {
        if (name === "delta") {
          draft += JSON.parse(data).text;
          bubble.replaceChildren(el("div", { class: "answer-text draft" }, draft));
        } else if (name === "answer") {
          final = JSON.parse(data);
          renderAnswer(bubble, final);
        } else if (name === "error") {
          throw new APIError(500, JSON.parse(data));
        }
      });
      if (!final) throw new Error("the answer stream ended early");
      answered.push({ bubble, ans: final });
      history.push({ question, answer: final.answer });
    } catch (e) {
      bubble.classList.remove("pending");
      bubble.classList.add("error");
      bubble.replaceChildren(el("span", {}, t("chat.error") + (e.describe ? e.describe() : e.message)));
    } finally {
      $("#send").disabled = false;
      row.scrollIntoView({ block: "nearest", behavior: "smooth" });
    }
  }

  // A new conversation forgets the history the follow-ups are read against.
  $("#new-chat").addEventListener("click", () => {
    history.length = 0;
    answered.length = 0;
    const msgs = $("#messages");
    for (const m of [...msgs.querySelectorAll(".msg")]) m.remove();
    const intro = $(".intro", msgs);
    if (intro) intro.classList.remove("compact");
    closeReader();
    q.focus();
  });

  const q = $("#question");
  $("#ask-form").addEventListener("submit", (e) => {
    e.preventDefault();
    const v = q.value;
    q.value = "";
    autosize();
    ask(v);
  });
  q.addEventListener("keydown", (e) => {
    if (e.key === "Enter" && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      $("#ask-form").requestSubmit();
    }
  });
  function autosize() {
    q.style.height = "auto";
    q.style.height = Math.min(q.scrollHeight, 160) + "px";
  }
  q.addEventListener("input", autosize);

  // ---- report view -------------------------------------------------------------
  let shown = -1; // the report the report tab shows
  let figures = [];

  function fillReportSelects() {
    for (const sel of document.querySelectorAll(".report-select")) {
      const keep = sel.value;
      sel.replaceChildren(...reports.map((r) => el("option", { value: String(r.index) }, r.title + (r.status ? " ⚠" : ""))));
      if (keep) sel.value = keep;
      sel.closest("label").hidden = reports.length < 2;
    }
    renderBriefStatus();
    fillScope();
  }

  // fillScope offers to ask one report when several are loaded; a report is
  // named by its file, which the server matches.
  function fillScope() {
    const sel = $("#scope");
    const keep = sel.value;
    sel.replaceChildren(el("option", { value: "" }, t("chat.all")),
      ...reports.map((r) => el("option", { value: r.file || r.title }, r.title)));
    sel.value = keep;
    sel.hidden = reports.length < 2;
  }
  onLang.push(() => { if (reports.length) fillScope(); });

  $("#report-select").addEventListener("change", () => loadReport(true));

  async function loadReport(force) {
    const i = Number($("#report-select").value || 0);
    if (i === shown && !force) return;
    shown = i;
    const [secs, figs] = await Promise.all([getJSON("/api/reports/" + i + "/sections"), getJSON("/api/reports/" + i + "/figures")]);
    if (shown !== i) return;
    renderMeta(secs);
    renderTree(i, secs);
    figures = figs.figures;
    fillFigureFilters();
    renderFigures();
  }

  function renderMeta(s) {
    const r = reports.find((x) => x.index === s.index) || {};
    const bits = [];
    if (s.region) bits.push([t("report.region"), s.region]);
    if (s.delivered) bits.push([t("report.delivered"), s.delivered]);
    if (s.date) bits.push([t("report.date"), s.date]);
    if (s.source) bits.push([t("report.source"), s.source]);
    $("#report-meta").replaceChildren(
      el("h1", {}, s.title, " ", statusBadge(s.status)),
      el("p", { class: "muted" }, bits.map(([k, v]) => k + " " + v).join(" · "), r.file ? " · " + r.file : ""));
  }

  function sectionName(s) {
    if (s.label) return s.label;
    return t("block." + s.kind);
  }

  const wide = window.matchMedia("(min-width: 821px)");

  function renderTree(i, s) {
    const tree = $("#tree");
    const parts = s.parts.map((p) => {
      const secs = p.sections.concat(p.blocks).sort((a, b) => a.start - b.start);
      const list = el("ul", {}, secs.map((sec) => el("li", {},
        el("button", { type: "button", class: "node" + (sec.number || sec.kind === "theme" ? "" : " block"), onclick: () => openReader(i, sec.start, sec.end, sectionName(sec)) },
          el("span", { class: "sec-label" }, sectionName(sec)), el("small", { class: "muted" }, " " + sec.id)),
        sec.items.length ? el("ul", { class: "items" }, sec.items.map((it) => el("li", {},
          el("button", { type: "button", class: "node item", onclick: () => openReader(i, it.start, it.end, it.label) }, it.ordinal + " " + it.title)))) : null)));
      return el("details", { open: wide.matches },
        el("summary", {}, el("button", { type: "button", class: "node part", onclick: (e) => { e.preventDefault(); openReader(i, p.start, p.end, p.label); } }, p.label)),
        list);
    });
    tree.replaceChildren(...parts);
  }

  function fillFigureFilters() {
    const periods = [...new Set(figures.map((f) => f.period).filter(Boolean))].sort();
    const sections = [];
    for (const f of figures) if (f.section && !sections.includes(f.section)) sections.push(f.section);
    const opts = (values) => [el("option", { value: "" }, t("fig.all")), ...values.map((v) => el("option", { value: v }, v))];
    $("#f-period").replaceChildren(...opts(periods));
    $("#f-section").replaceChildren(...opts(sections));
  }

  function renderFigures() {
    const kind = $("#f-kind").value, period = $("#f-period").value, section = $("#f-section").value;
    const metric = $("#f-metric").value.trim().toLowerCase();
    const rows = figures.filter((f) => (!kind || f.kind === kind) && (!period || f.period === period) &&
      (!section || f.section === section) && (!metric || (f.metric || "").toLowerCase().includes(metric)));
    $("#fig-table tbody").replaceChildren(...rows.map((f) => el("tr", {
      tabindex: "0", class: "clickable", dataset: { start: String(f.start) },
      onclick: () => openReader(shown, f.start, f.end, f.section || f.metric),
      onkeydown: (e) => { if (e.key === "Enter") openReader(shown, f.start, f.end, f.section || f.metric); },
    },
      el("td", { class: "num" }, qualified(f)),
      el("td", {}, el("span", { class: "kind kind-" + f.kind }, t("kind." + f.kind) + (f.direction === "up" ? " ↑" : f.direction === "down" ? " ↓" : ""))),
      el("td", {}, f.period || ""),
      el("td", { class: "full" }, f.metric || ""),
      el("td", { class: "muted full small" }, f.section || ""))));
    $("#fig-count").textContent = t("fig.count", { n: rows.length });
  }
  for (const id of ["#f-kind", "#f-period", "#f-section"]) $(id).addEventListener("change", renderFigures);
  $("#f-metric").addEventListener("input", renderFigures);
  onLang.push(() => { if (shown >= 0) { const k = $("#f-kind").value; renderFigures(); $("#f-kind").value = k; } });

  function qualified(f) {
    const q = f.qualifier;
    if (!q || f.raw.includes(q)) return f.raw;
    return "以上左右上下以内以下之多".includes(q) ? f.raw + q : q + f.raw;
  }

  // ---- compare -----------------------------------------------------------------
  async function compare() {
    const text = $("#compare-text").value.trim();
    if (!text) return;
    const table = $("#compare-table");
    const body = $("tbody", table);
    body.replaceChildren(el("tr", {}, el("td", { colspan: "6", class: "muted" }, t("chat.thinking"))));
    table.hidden = false;
    try {
      const res = await getJSON("/api/compare?text=" + encodeURIComponent(text));
      const found = res.rows.filter((r) => r.found).length;
      body.replaceChildren(...res.rows.map((r) => el("tr", r.found ? {
        class: "clickable", tabindex: "0",
        onclick: () => openReader(r.index, r.start, r.end, r.metric),
        onkeydown: (e) => { if (e.key === "Enter") openReader(r.index, r.start, r.end, r.metric); },
      } : { class: "missing" },
        el("td", { class: "full" }, el("div", {}, r.report, " ", statusBadge(r.status)), el("small", { class: "muted file" }, r.file)),
        el("td", { class: "num" }, r.found ? qualified({ raw: r.raw, qualifier: r.qualifier }) : t("compare.none")),
        el("td", {}, r.kind ? el("span", { class: "kind kind-" + r.kind }, t("kind." + r.kind)) : ""),
        el("td", {}, r.period || ""),
        el("td", { class: "metric" }, r.metric || ""),
        el("td", { class: "sentence full" }, r.sentence || ""))),
        el("tr", { class: "summary" }, el("td", { colspan: "6", class: "muted" }, t("compare.found", { n: found, m: res.rows.length }))));
    } catch (e) {
      body.replaceChildren(el("tr", {}, el("td", { colspan: "6", class: "error" }, t("chat.error") + (e.describe ? e.describe() : e.message))));
    }
  }
  $("#compare-form").addEventListener("submit", (e) => { e.preventDefault(); compare(); });

  // ---- briefs --------------------------------------------------------------------
  function renderBriefStatus() {
    const r = reports.find((x) => String(x.index) === ($("#brief-report").value || "0"));
    $("#brief-status").replaceChildren(r ? el("p", {}, "《" + r.title + "》 ", statusBadge(r.status)) : "");
  }
  $("#brief-report").addEventListener("change", renderBriefStatus);

  function fileName(res, fallback) {
    const cd = res.headers.get("Content-Disposition") || "";
    const star = /filename\*=UTF-8''([^;]+)/i.exec(cd);
    if (star) { try { return decodeURIComponent(star[1]); } catch (e) { /* fall through */ } }
    const plain = /filename="([^"]+)"/i.exec(cd);
    return plain ? plain[1] : fallback;
  }

  async function downloadBrief(format) {
    const i = $("#brief-report").value || "0";
    const topic = $("#brief-topic").value.trim();
    const out = $("#brief-result");
    out.classList.remove("error");
    out.textContent = t("brief.working");
    try {
      const res = await api("/api/reports/" + i + "/brief?format=" + format + "&topic=" + encodeURIComponent(topic));
      const blob = await res.blob();
      const name = fileName(res, "brief." + format);
      const url = URL.createObjectURL(blob);
      const a = el("a", { href: url, download: name, hidden: true });
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10000);
      out.textContent = t("brief.done", { name, size: (blob.size / 1024).toFixed(1) + " KB" });
    } catch (e) {
      out.classList.add("error");
      out.textContent = t("chat.error") + (e.describe ? e.describe() : e.message);
    }
  }
  for (const b of document.querySelectorAll("[data-format]")) b.addEventListener("click", () => downloadBrief(b.dataset.format));

  // ---- start -----------------------------------------------------------------------
  $("#lang").addEventListener("click", () => {
    lang = lang === "zh" ? "en" : "zh";
    localStorage.setItem("reportbot.lang", lang);
    applyLang();
    const shownNow = shown;
    if (shownNow >= 0) { shown = -1; if (!$("#tab-report").hidden) loadReport(true); }
  });

  async function loadAll() {
    try {
      const health = await (await fetch("/healthz")).json();
      if (health.auth) $("#token-btn").hidden = false;
      if (health.auth && !token) await askToken(false);
      const r = await getJSON("/api/reports");
      reports = r.reports;
      fillReportSelects();
      renderLoaded();
      document.body.dataset.ready = "1";
    } catch (e) {
      $("#loaded").replaceChildren(el("span", { class: "error" }, t("chat.error") + (e.describe ? e.describe() : e.message)));
    }
  }

  applyLang();
  loadAll();
  q.focus();
})();
