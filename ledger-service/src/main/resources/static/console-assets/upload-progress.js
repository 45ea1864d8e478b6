// The upload progress bar: a form marked data-progress is sent by XMLHttpRequest so the upload itself can be
// measured; meanwhile the server's phases (check, record, project) are polled by the form's token. When the server
// answers, the browser goes to the result page it redirected to. Without JavaScript the form posts normally.
(function () {
  function uuid() {
    return crypto.randomUUID ? crypto.randomUUID() : 'xxxxxxxx-xxxx-4xxx-8xxx-xxxxxxxxxxxx'.replace(/x/g,
        function () { return (Math.random() * 16 | 0).toString(16); });
  }
  document.querySelectorAll('form[data-progress]').forEach(function (form) {
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      var token = uuid();
      form.querySelector('input[name=progress]').value = token;
      var box = form.querySelector('.progress');
      var bar = box.querySelector('progress');
      var phases = box.querySelectorAll('[data-phase]');
      box.hidden = false;
      form.querySelector('button[type=submit]').disabled = true;
      function show(phase, percent) {
        bar.value = percent;
        var reached = true;
        phases.forEach(function (li) {
          li.classList.toggle('current', li.dataset.phase === phase);
          li.classList.toggle('done', reached && li.dataset.phase !== phase);
          if (li.dataset.phase === phase) { reached = false; }
        });
      }
      var poll = null;
      var xhr = new XMLHttpRequest();
      xhr.open('POST', form.action);
      var csrf = document.querySelector('meta[name=_csrf]');
      if (csrf) { xhr.setRequestHeader(document.querySelector('meta[name=_csrf_header]').content, csrf.content); }
      xhr.upload.onprogress = function (e) {
        if (e.lengthComputable) { show('UPLOAD', Math.round(25 * e.loaded / e.total)); }
      };
      xhr.upload.onload = function () {
        poll = setInterval(function () {
          fetch(form.action.replace(/\/console\/.*/, '/console/uploads/' + token + '/progress'),
              {credentials: 'same-origin'}).then(function (r) { return r.json(); })
              .then(function (s) { if (s.phase !== 'UPLOAD') { show(s.phase, s.percent); } });
        }, 300);
      };
      xhr.onload = function () {
        clearInterval(poll);
        show('DONE', 100);
        if (xhr.responseURL && xhr.responseURL.indexOf('/console/uploads/') >= 0) {
          window.location.assign(xhr.responseURL);
        } else {
          document.open(); document.write(xhr.responseText); document.close();
        }
      };
      xhr.onerror = function () {
        clearInterval(poll);
        box.insertAdjacentHTML('beforeend', '<p class="error">上传中断，请检查网络后重试。</p>');
        form.querySelector('button[type=submit]').disabled = false;
      };
      xhr.send(new FormData(form));
    });
  });
})();
