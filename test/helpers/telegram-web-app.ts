/**
 * What a test browser gets instead of https://telegram.org/js/telegram-web-app.js: the part of
 * Telegram's script the Mini App relies on, done as Telegram's does it. A Telegram client opens the
 * app's URL with its launch parameters in the fragment (`#tgWebAppData=<initData>&tgWebAppVersion=…
 * &tgWebAppPlatform=…&tgWebAppThemeParams=<JSON>`); the script reads them, keeps them in
 * sessionStorage for the app's later pages (whose URLs have no fragment), and offers them as
 * `Telegram.WebApp` (initData, initDataUnsafe, themeParams, colorScheme, ready(), expand(), …), with
 * the theme's colours set on the document as `--tg-theme-<name>` CSS variables.
 *
 * Where Telegram's script posts an event to the client (`web_app_ready`, `web_app_expand`, …), this
 * one appends it to sessionStorage["__telegram_stub_events"], which tests read (`postedEvents`).
 * Plain ES5, as the real one.
 */
export const TELEGRAM_WEB_APP_STUB = `(function () {
  var STORE = "__telegram__initParams";
  var EVENTS = "__telegram_stub_events";
  function parseParams(text) {
    var params = {};
    if (!text) return params;
    var parts = text.replace(/^[#?]/, "").split("&");
    for (var i = 0; i < parts.length; i++) {
      var index = parts[i].indexOf("=");
      if (index < 0) continue;
      params[decodeURIComponent(parts[i].slice(0, index))] = decodeURIComponent(parts[i].slice(index + 1).replace(/\\+/g, "%20"));
    }
    return params;
  }
  var launch = parseParams(window.location.hash);
  var params;
  if (launch.tgWebAppData !== undefined || launch.tgWebAppVersion !== undefined) {
    params = launch;
    try { sessionStorage.setItem(STORE, JSON.stringify(params)); } catch (e) {}
  } else {
    try { params = JSON.parse(sessionStorage.getItem(STORE) || "{}"); } catch (e) { params = {}; }
  }
  function postEvent(type, data) {
    try {
      var events = JSON.parse(sessionStorage.getItem(EVENTS) || "[]");
      events.push({ type: type, data: data || null });
      sessionStorage.setItem(EVENTS, JSON.stringify(events));
    } catch (e) {}
  }
  var initData = params.tgWebAppData || "";
  var unsafe = {};
  var fields = parseParams(initData);
  for (var key in fields) {
    if (!Object.prototype.hasOwnProperty.call(fields, key)) continue;
    if (key === "user" || key === "receiver" || key === "chat") {
      try { unsafe[key] = JSON.parse(fields[key]); } catch (e) {}
    } else if (key === "auth_date") {
      unsafe[key] = parseInt(fields[key], 10);
    } else {
      unsafe[key] = fields[key];
    }
  }
  var theme = {};
  try { theme = JSON.parse(params.tgWebAppThemeParams || "{}") || {}; } catch (e) {}
  function luminance(hex) {
    var match = /^#([0-9a-f]{6})$/i.exec(hex || "");
    if (!match) return 1;
    var n = parseInt(match[1], 16);
    return (0.2126 * (n >> 16) + 0.7152 * ((n >> 8) & 255) + 0.0722 * (n & 255)) / 255;
  }
  var colorScheme = luminance(theme.bg_color) < 0.5 ? "dark" : "light";
  var root = document.documentElement;
  for (var name in theme) {
    if (Object.prototype.hasOwnProperty.call(theme, name)) root.style.setProperty("--tg-theme-" + name.replace(/_/g, "-"), theme[name]);
  }
  root.style.setProperty("--tg-color-scheme", colorScheme);
  root.style.setProperty("--tg-viewport-height", window.innerHeight + "px");
  root.style.setProperty("--tg-viewport-stable-height", window.innerHeight + "px");
  var handlers = {};
  function versionAtLeast(wanted) {
    var have = String(params.tgWebAppVersion || "6.0").split(".");
    var want = String(wanted).split(".");
    for (var i = 0; i < Math.max(have.length, want.length); i++) {
      var a = parseInt(have[i] || "0", 10);
      var b = parseInt(want[i] || "0", 10);
      if (a !== b) return a > b;
    }
    return true;
  }
  var app = {
    initData: initData,
    initDataUnsafe: unsafe,
    version: params.tgWebAppVersion || "6.0",
    platform: params.tgWebAppPlatform || "unknown",
    colorScheme: colorScheme,
    themeParams: theme,
    isExpanded: false,
    viewportHeight: window.innerHeight,
    viewportStableHeight: window.innerHeight,
    ready: function () { postEvent("web_app_ready"); },
    expand: function () { app.isExpanded = true; postEvent("web_app_expand"); },
    close: function () { postEvent("web_app_close"); },
    onEvent: function (type, handler) { (handlers[type] = handlers[type] || []).push(handler); },
    offEvent: function (type, handler) {
      var list = handlers[type] || [];
      for (var i = list.length - 1; i >= 0; i--) if (list[i] === handler) list.splice(i, 1);
    },
    openTelegramLink: function (url) { postEvent("web_app_open_tg_link", { path_full: url }); },
    openLink: function (url) { postEvent("web_app_open_link", { url: url }); },
    isVersionAtLeast: versionAtLeast,
    // Bot API 8.0: the client downloads the file itself (with none of the page's cookies).
    downloadFile: function (request, callback) {
      if (!versionAtLeast("8.0")) { console.error("[Telegram.WebApp] Download file is not supported in version " + app.version); return; }
      postEvent("web_app_request_file_download", { url: request.url, file_name: request.file_name });
      if (callback) callback(true);
    }
  };
  window.Telegram = window.Telegram || {};
  window.Telegram.WebApp = app;
})();
`;
