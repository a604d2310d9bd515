// Click-to-play recording: nothing is fetched from YouTube until the reader clicks. The
// placeholder and the chapter links are plain youtube.com links; this turns them into a
// youtube-nocookie.com player on the page. A chapter seeks a player that has announced
// itself (IFrame API messages, enablejsapi=1), which keeps playback and what is buffered;
// before that, or if it never does, the player is loaded again at the chapter's start.
(() => {
  const box = document.querySelector(".video[data-video]");
  if (!box) return;
  const host = "https://www.youtube-nocookie.com";
  let frame = null;

  const send = (message) => frame.contentWindow.postMessage(JSON.stringify({ ...message, id: 1, channel: "widget" }), host);

  const load = (start) => {
    if (!frame) {
      frame = document.createElement("iframe");
      frame.title = box.dataset.title;
      frame.allow = "autoplay; encrypted-media; picture-in-picture; fullscreen";
      frame.allowFullscreen = true;
      // Ask the player to report its state; its first message says it takes commands.
      frame.addEventListener("load", () => send({ event: "listening" }));
      box.replaceChildren(frame);
    }
    box.dataset.state = "loading";
    frame.src = `${host}/embed/${box.dataset.video}?autoplay=1&enablejsapi=1&playsinline=1${start ? `&start=${start}` : ""}`;
  };

  window.addEventListener("message", (event) => {
    if (frame && event.source === frame.contentWindow && event.origin === host) box.dataset.state = "ready";
  });

  // Ctrl/Cmd/Shift-click and middle click still open YouTube, as links do.
  const plain = (event) => event.button === 0 && !(event.ctrlKey || event.metaKey || event.shiftKey || event.altKey);

  box.querySelector("a").addEventListener("click", (event) => {
    if (!plain(event)) return;
    event.preventDefault();
    load(0);
    frame.focus();
  });

  document.querySelectorAll("a[data-start]").forEach((link) => {
    link.addEventListener("click", (event) => {
      if (!plain(event)) return;
      event.preventDefault();
      const start = Number(link.dataset.start);
      if (box.dataset.state === "ready") {
        send({ event: "command", func: "seekTo", args: [start, true] });
        send({ event: "command", func: "playVideo", args: [] });
      } else {
        load(start);
      }
      box.scrollIntoView({ block: "nearest" });
    });
  });
})();
