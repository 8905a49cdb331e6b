// Tables marked data-stack show each row as a card on a phone (app.css): a cell without its own data-label
// takes its column header's text, so each line of the card says what it is ("Dòng", "Kết quả").
document.querySelectorAll("table[data-stack]").forEach(function (table) {
  var headers = Array.prototype.map.call(table.querySelectorAll("thead th"), function (th) {
    return th.textContent.trim();
  });
  table.querySelectorAll("tbody tr").forEach(function (row) {
    Array.prototype.forEach.call(row.children, function (cell, index) {
      if (!cell.hasAttribute("data-label") && headers[index]) {
        cell.setAttribute("data-label", headers[index]);
      }
    });
  });
});
