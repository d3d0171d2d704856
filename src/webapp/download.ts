/**
 * What a page with a download link runs (the ranked list's XLSX). Inside Telegram a plain link may
 * not download (the mobile apps' web views drop it), so where Telegram offers it (Bot API 8.0,
 * WebApp.downloadFile) the app asks Telegram to download the file itself. Telegram's own download
 * carries none of the page's cookies: it is given the link's ticketed address (data-ticket-href),
 * which opens that one file for the rest of the session. Elsewhere the plain link stays as it is.
 * Plain ES5 for old Android WebViews.
 */
export const DOWNLOAD_SCRIPT = `(function () {
  var app = window.Telegram && window.Telegram.WebApp;
  if (!app || typeof app.downloadFile !== "function" || typeof app.isVersionAtLeast !== "function" || !app.isVersionAtLeast("8.0")) return;
  var links = document.querySelectorAll("a[data-ticket-href]");
  function onClick(event) {
    var link = event.currentTarget;
    var absolute = document.createElement("a");
    absolute.href = link.getAttribute("data-ticket-href");
    event.preventDefault();
    app.downloadFile({ url: absolute.href, file_name: link.getAttribute("data-file-name") });
  }
  for (var i = 0; i < links.length; i++) links[i].addEventListener("click", onClick);
})();
`;
