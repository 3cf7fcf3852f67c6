// Signs the user out after 30 minutes without a key press, click or scroll. The cookie also expires after
// 30 idle minutes, but a live Blazor circuit would otherwise keep an unattended back-office screen open.
(function () {
    const limitMs = 30 * 60 * 1000;
    let last = Date.now();
    const touch = () => { last = Date.now(); };
    ['keydown', 'mousedown', 'touchstart', 'scroll', 'wheel'].forEach(e => window.addEventListener(e, touch, { passive: true }));
    setInterval(() => {
        if (Date.now() - last > limitMs && !location.pathname.startsWith('/account/')) {
            location.href = '/account/logout?reason=idle';
        }
    }, 30 * 1000);
})();
