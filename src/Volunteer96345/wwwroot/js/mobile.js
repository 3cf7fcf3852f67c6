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
