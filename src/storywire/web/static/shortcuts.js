// Keyboard shortcuts for storywire's pages: j/k next and previous item, o open it, m read/unread,
// s save, ? this help. Every action is also a plain link or form, so pages work without this file.
// Items carry data-item (a stable id); the buttons data-shortcut="m" / "s" inside the current item are
// clicked, and a.item-link (else the item's first link) is what o opens.
(function () {
  "use strict";
  var KEY = "storywire:current:" + location.pathname + location.search;

  function items() { return Array.prototype.slice.call(document.querySelectorAll("[data-item]")); }

  function current() { return document.querySelector("[data-item].current"); }

  function select(item) {
    var old = current();
    if (old) { old.classList.remove("current"); old.removeAttribute("aria-current"); }
    if (!item) { return; }
    item.classList.add("current");
    item.setAttribute("aria-current", "true");
    item.scrollIntoView({ block: "nearest" });
    try { sessionStorage.setItem(KEY, item.getAttribute("data-item")); } catch (e) { /* private mode */ }
  }

  function move(step) {
    var all = items();
    if (!all.length) { return; }
    var at = all.indexOf(current());
    var next = at < 0 ? (step > 0 ? 0 : all.length - 1) : Math.min(all.length - 1, Math.max(0, at + step));
    select(all[next]);
  }

  function press(name) {
    var item = current();
    if (!item) { return; }
    var button = item.querySelector('[data-shortcut="' + name + '"]');
    if (button) { button.click(); }
  }

  function open() {
    var item = current();
    if (!item) { return; }
    var link = item.querySelector("a.item-link") || item.querySelector("a[href]");
    if (link) { link.click(); }
  }

  function help(show) {
    var box = document.getElementById("shortcut-help");
    if (!box) { return; }
    box.hidden = show === undefined ? !box.hidden : !show;
    if (!box.hidden) { box.focus(); }
  }

  function typing(target) {
    var tag = target && target.tagName;
    return tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || (target && target.isContentEditable);
  }

  document.addEventListener("keydown", function (event) {
    if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) { return; }
    var actions = {
      "j": function () { move(1); }, "k": function () { move(-1); }, "o": open,
      "m": function () { press("m"); }, "s": function () { press("s"); }, "?": function () { help(); },
      "Escape": function () { help(false); }
    };
    var action = actions[event.key];
    if (action) { event.preventDefault(); action(); }
  });

  document.addEventListener("DOMContentLoaded", function () {
    var remembered = null;
    try { remembered = sessionStorage.getItem(KEY); } catch (e) { /* private mode */ }
    if (remembered) {
      var found = items().filter(function (el) { return el.getAttribute("data-item") === remembered; })[0];
      if (found) { select(found); }
    }
    var close = document.getElementById("shortcut-help-close");
    if (close) { close.addEventListener("click", function () { help(false); }); }
    var opener = document.getElementById("shortcut-help-open");
    if (opener) { opener.hidden = false; opener.addEventListener("click", function () { help(true); }); }
  });
}());
