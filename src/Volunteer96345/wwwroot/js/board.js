// The duty board's chime and full screen. The page (Blazor) raises data-chime on a hidden element each time an order
// turns at risk; this plays a short two-tone chime when the board's sound box is ticked. A browser plays sound only after
// a click on the page, so the audio starts with the tick. The wall-mode link also asks for the full screen.
(function () {
    let audio = null;

    function chime() {
        if (!audio) return;
        const now = audio.currentTime;
        [880, 660].forEach((hz, i) => {
            const tone = audio.createOscillator();
            const gain = audio.createGain();
            tone.frequency.value = hz;
            gain.gain.setValueAtTime(0.2, now + i * 0.25);
            gain.gain.exponentialRampToValueAtTime(0.001, now + i * 0.25 + 0.22);
            tone.connect(gain).connect(audio.destination);
            tone.start(now + i * 0.25);
            tone.stop(now + i * 0.25 + 0.25);
        });
    }

    document.addEventListener('change', e => {
        if (e.target instanceof Element && e.target.matches('[data-chime-toggle]') && e.target.checked && !audio) {
            const Context = window.AudioContext || window.webkitAudioContext;
            if (Context) audio = new Context();
        }
    });

    document.addEventListener('click', e => {
        const link = e.target instanceof Element && e.target.closest('[data-fullscreen]');
        if (link && document.documentElement.requestFullscreen) document.documentElement.requestFullscreen().catch(() => { });
    });

    new MutationObserver(changes => {
        for (const change of changes) {
            const el = change.target;
            if (el instanceof Element && el.hasAttribute('data-chime') && el.getAttribute('data-chime-on') === 'true'
                && change.attributeName === 'data-chime' && change.oldValue !== el.getAttribute('data-chime')) {
                chime();
            }
        }
    }).observe(document.documentElement, { subtree: true, attributes: true, attributeOldValue: true, attributeFilter: ['data-chime'] });
})();
