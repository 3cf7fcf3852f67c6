// Phone pages: tick "剩余 N 分钟" down, and stamp an arrival with the phone's time and (if allowed) its position.
// Everything here is optional: the pages and forms work without it.
(function () {
  function tick() {
    document.querySelectorAll("[data-due]").forEach(function (el) {
      var left = Math.round((Date.parse(el.getAttribute("data-due")) - Date.now()) / 60000);
      var text = left >= 0 ? el.getAttribute("data-left") : el.getAttribute("data-over");
      if (text) { el.textContent = text.replace("{0}", Math.abs(left)); el.classList.toggle("m-late", left < 0); }
    });
  }
  document.addEventListener("submit", function (e) {
    var form = e.target;
    if (!form.hasAttribute || !form.hasAttribute("data-arrive") || form.dataset.stamped) { return; }
    e.preventDefault();
    form.dataset.stamped = "1";
    form.querySelector("[name='Form.PhoneTime']").value = new Date().toISOString();
    var send = function () { form.submit(); };
    if (!navigator.geolocation) { send(); return; }
    navigator.geolocation.getCurrentPosition(function (p) {
      form.querySelector("[name='Form.Latitude']").value = p.coords.latitude;
      form.querySelector("[name='Form.Longitude']").value = p.coords.longitude;
      send();
    }, send, { timeout: 8000, maximumAge: 60000 });
  }, true);
  tick();
  setInterval(tick, 20000);
  document.addEventListener("DOMContentLoaded", tick);
})();

// Station services: the resident signs with a finger on the staff member's phone or tablet. The drawing goes with the
// form as a PNG data URL; without script the form still posts and the server asks for the signature.
(function () {
  function pad(canvas) {
    if (canvas.dataset.ready) { return; }
    canvas.dataset.ready = "1";
    var ctx = canvas.getContext("2d"), drawing = false;
    ctx.fillStyle = "#fff"; ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.lineWidth = 4; ctx.lineCap = "round"; ctx.lineJoin = "round"; ctx.strokeStyle = "#111";
    canvas.style.touchAction = "none";
    function at(e) {
      var r = canvas.getBoundingClientRect();
      return { x: (e.clientX - r.left) * canvas.width / r.width, y: (e.clientY - r.top) * canvas.height / r.height };
    }
    canvas.addEventListener("pointerdown", function (e) { drawing = true; var p = at(e); ctx.beginPath(); ctx.moveTo(p.x, p.y); e.preventDefault(); });
    canvas.addEventListener("pointermove", function (e) {
      if (!drawing) { return; }
      var p = at(e); ctx.lineTo(p.x, p.y); ctx.stroke(); canvas.dataset.drawn = "1"; e.preventDefault();
    });
    window.addEventListener("pointerup", function () { drawing = false; });
    var form = canvas.closest("form");
    var clear = form && form.querySelector("[data-signature-clear]");
    if (clear) {
      clear.addEventListener("click", function () { ctx.fillRect(0, 0, canvas.width, canvas.height); delete canvas.dataset.drawn; });
    }
    if (form) {
      form.addEventListener("submit", function () {
        form.querySelector("[name='" + canvas.dataset.signature + "']").value = canvas.dataset.drawn ? canvas.toDataURL("image/png") : "";
      });
    }
  }
  function init() { document.querySelectorAll("canvas[data-signature]").forEach(pad); }
  if (document.readyState !== "loading") { init(); } else { document.addEventListener("DOMContentLoaded", init); }
})();

// A select marked data-autosubmit sends its form when changed (a script handler: the CSP allows no inline onchange).
document.addEventListener("change", function (e) {
  if (e.target && e.target.hasAttribute && e.target.hasAttribute("data-autosubmit") && e.target.form) { e.target.form.submit(); }
});
