// costeo: small behaviours shared by every page (no inline scripts: CSP script-src 'self').
"use strict";
document.addEventListener("htmx:afterSwap", function (event) {
  var target = event.detail && event.detail.target;
  if (target && target.id === "lineage") {
    target.scrollIntoView({block: "nearest"});
  }
});
// htmx error responses (the API's one error shape) are shown instead of being dropped.
document.addEventListener("htmx:responseError", function (event) {
  var xhr = event.detail.xhr;
  var target = event.detail.target;
  var message = xhr.statusText;
  try { message = JSON.parse(xhr.responseText).error.message; } catch (e) { /* not JSON */ }
  if (target) {
    var p = document.createElement("p");
    p.className = "flash error";
    p.textContent = message;
    target.replaceChildren(p);
  }
});
