// vnadmin-docs web: small progressive enhancements; every page works without them.
(function () {
  "use strict";
  var csrf = document.querySelector('meta[name="csrf-token"]');

  // Drag and drop onto a file field's zone.
  document.querySelectorAll("[data-drop]").forEach(function (zone) {
    var input = zone.querySelector('input[type="file"]');
    ["dragenter", "dragover"].forEach(function (ev) {
      zone.addEventListener(ev, function (e) { e.preventDefault(); zone.classList.add("over"); });
    });
    ["dragleave", "drop"].forEach(function (ev) {
      zone.addEventListener(ev, function (e) { e.preventDefault(); zone.classList.remove("over"); });
    });
    zone.addEventListener("drop", function (e) {
      if (e.dataTransfer && e.dataTransfer.files.length) {
        input.files = e.dataTransfer.files;
        input.dispatchEvent(new Event("change"));
      }
    });
    input.addEventListener("change", function () {
      var shown = zone.querySelector(".chosen") || document.createElement("p");
      shown.className = "chosen";
      shown.textContent = input.files.length ? input.files[0].name : "";
      zone.appendChild(shown);
    });
  });

  // Growing lists: "Thêm mục" adds an input, "×" removes one; focus follows.
  document.querySelectorAll("[data-grow]").forEach(function (box) {
    var list = box.querySelector("ol");
    function wire(li) {
      li.querySelector(".remove").addEventListener("click", function () {
        var prev = li.previousElementSibling || li.nextElementSibling;
        if (list.children.length > 1) { li.remove(); } else { li.querySelector("input,textarea").value = ""; }
        if (prev) { prev.querySelector("input,textarea").focus(); }
      });
    }
    Array.prototype.forEach.call(list.children, wire);
    box.querySelector(".add").addEventListener("click", function () {
      var li = list.lastElementChild.cloneNode(true);
      var field = li.querySelector("input,textarea");
      field.value = "";
      var n = list.children.length + 1;
      field.setAttribute("aria-label", box.querySelector("legend").textContent + " " + n);
      list.appendChild(li);
      wire(li);
      field.focus();
    });
  });

  // Batch progress over server-sent events; the browser reconnects by itself and the
  // state lives on the server, so closing and reopening the page picks it up again.
  var run = document.getElementById("tao");
  if (run && run.dataset.status === "running" && window.EventSource) {
    var bar = document.getElementById("thanh"), count = document.getElementById("dem");
    var source = new EventSource("/batch/" + run.dataset.job + "/events");
    source.onmessage = function (e) {
      var s = JSON.parse(e.data);
      if (s.total) { bar.max = s.total; }
      bar.value = s.done || 0;
      count.textContent = (s.done || 0) + "/" + (s.total || "…");
      if (s.status !== "running") { source.close(); window.location.reload(); }
    };
  }

  // Forms page: "Xem trước" asks the server for page images without leaving the page.
  var preview = document.getElementById("xem-truoc");
  if (preview) {
    preview.addEventListener("click", function (e) {
      e.preventDefault();
      var form = preview.form, data = new FormData(form);
      var out = document.getElementById("trang-xem");
      out.setAttribute("aria-busy", "true");
      out.textContent = out.dataset.wait || "…";
      fetch(form.dataset.preview, { method: "POST", body: data,
            headers: { "X-CSRF-Token": csrf ? csrf.content : "" } })
        .then(function (r) { return r.text(); })
        .then(function (html) { out.innerHTML = html; out.removeAttribute("aria-busy"); out.focus(); });
    });
  }
})();
