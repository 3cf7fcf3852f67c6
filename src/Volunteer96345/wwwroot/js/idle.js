// Signs the user out after the back office's idle time (Security:StaffIdleMinutes, 30 by default) without a key press,
// click or scroll. The cookie also expires then, but a live Blazor circuit would otherwise keep an unattended screen open.
(function () {
    const limitMs = (Number(document.currentScript && document.currentScript.dataset.idleMinutes) || 30) * 60 * 1000;
    let last = Date.now();
    const touch = () => { last = Date.now(); };
    ['keydown', 'mousedown', 'touchstart', 'scroll', 'wheel'].forEach(e => window.addEventListener(e, touch, { passive: true }));
    setInterval(() => {
        if (Date.now() - last > limitMs && !location.pathname.startsWith('/account/')) {
            location.href = '/account/logout?reason=idle';
        }
    }, 30 * 1000);
})();
