// Printouts say when they were printed (base.html's print-source line, shown on paper only).
window.addEventListener("beforeprint", () => {
  const when = new Intl.DateTimeFormat("id-ID", { dateStyle: "full", timeStyle: "short", timeZone: "Asia/Jakarta" });
  const line = document.querySelector("[data-cetak]");
  if (line) line.textContent = `Dicetak ${when.format(new Date())} WIB`;
});
