// AntDesign Blazor 1.6 renders some markup that assistive technology cannot use: decorative icons announced as
// unlabelled images, select inputs without a name or an expanded state, icon-only buttons without a name, and
// pagination items with aria-disabled="prevDisabled". This mends that markup wherever it appears, once per frame.
(function () {
    const zh = () => (document.documentElement.lang || '').startsWith('zh');

    function nameOf(select) {
        const own = select && select.getAttribute('aria-label');
        if (own) return own;
        const label = select && select.closest('[data-field]') && select.closest('[data-field]').querySelector('label');
        if (label) return label.textContent.trim();
        if (select && select.closest('.ant-pagination')) return zh() ? '每页条数' : 'Rows per page';
        const shown = select && select.querySelector('.ant-select-selection-item, .ant-select-selection-placeholder');
        return shown ? shown.textContent.trim() : null;
    }

    // A form field's visible label names its control: the Field component's <label> gets the for= of the field's first
    // control (AntDesign renders the control, so its id is known only here; one without an id is given one).
    let labelled = 0;
    function labelFields() {
        document.querySelectorAll('.field[data-field] > label').forEach(label => {
            const control = label.parentElement.querySelector('input:not([type=hidden]), select, textarea');
            if (!control || (label.htmlFor && label.htmlFor === control.id)) return;
            if (!control.id) control.id = 'field-control-' + (++labelled);
            label.htmlFor = control.id;
        });
    }

    function mend() {
        labelFields();
        document.querySelectorAll('.anticon[role=img]:not([aria-hidden]):not([aria-label])')
            .forEach(e => e.setAttribute('aria-hidden', 'true'));
        document.querySelectorAll('input[role=combobox]').forEach(input => {
            const select = input.closest('.ant-select');
            const expanded = select && select.classList.contains('ant-select-open') ? 'true' : 'false';
            if (input.getAttribute('aria-expanded') !== expanded) input.setAttribute('aria-expanded', expanded);
            const name = nameOf(select);
            if (name && !input.hasAttribute('aria-label')) input.setAttribute('aria-label', name);
        });
        document.querySelectorAll('[aria-disabled]').forEach(e => {
            const value = e.getAttribute('aria-disabled');
            if (value !== 'true' && value !== 'false') {
                e.setAttribute('aria-disabled', e.classList.contains('ant-pagination-disabled') ? 'true' : 'false');
            }
        });
        document.querySelectorAll('button:not([aria-label])').forEach(button => {
            if (button.textContent.trim()) return;
            const titled = button.closest('[title]');
            const name = titled ? titled.getAttribute('title')
                : button.classList.contains('ant-input-search-button') ? (zh() ? '搜索' : 'Search') : null;
            if (name) button.setAttribute('aria-label', name);
        });
    }

    let queued = false;
    new MutationObserver(() => {
        if (queued) return;
        queued = true;
        requestAnimationFrame(() => { queued = false; mend(); });
    }).observe(document.documentElement, { subtree: true, childList: true, attributes: true, attributeFilter: ['class', 'aria-disabled'] });
    mend();
})();

// Print buttons (data-print): a script handler, since the Content-Security-Policy allows no inline onclick.
document.addEventListener('click', e => {
    if (e.target instanceof Element && e.target.closest('[data-print]')) window.print();
});
