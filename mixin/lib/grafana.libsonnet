// The few Grafana panel shapes the dashboard uses, in plain jsonnet (no grafonnet: the mixin
// builds with Debian's jsonnet alone). Every panel and query reads through the data source
// variable; `layout` places rows of panels and numbers them, so a panel added to a row moves
// the ones below it.
{
  local datasource = { type: 'prometheus', uid: '${datasource}' },

  // Colour steps from a base colour and [colour, from] pairs, for `thresholds`.
  steps(base, pairs):: {
    mode: 'absolute',
    steps: [{ color: base, value: null }] + [{ color: p[0], value: p[1] } for p in pairs],
  },

  // A query over time, one series per legend line.
  // A null legendFormat leaves Grafana's default (the series' labels).
  rangeQuery(expr, legendFormat, refId='A'):: {
    datasource: datasource,
    refId: refId,
    expr: expr,
    editorMode: 'code',
    range: true,
    instant: false,
  } + (if legendFormat == null then {} else { legendFormat: legendFormat }),

  // A query at the dashboard's end time, one value per legend line (stat, bar gauge).
  instantQuery(expr, legendFormat, refId='A'):: self.rangeQuery(expr, legendFormat, refId) {
    range: false,
    instant: true,
  },

  // A query at the dashboard's end time as table rows, one column per label.
  tableQuery(expr, refId):: {
    datasource: datasource,
    refId: refId,
    expr: expr,
    editorMode: 'code',
    range: false,
    instant: true,
    format: 'table',
  },

  // Field properties for one column of a table: the values of a query ("Value #A", or "Value"
  // when the table has one query), shown under `name`.
  column(field, name, properties):: {
    matcher: { id: 'byName', options: field },
    properties: [{ id: 'displayName', value: name }] + properties,
  },

  local panel(type, title, description, targets) = {
    type: type,
    title: title,
    description: description,
    datasource: datasource,
    targets: targets,
  },

  // `queries`: one query or a list of them.
  timeseries(title, description, queries, unit, legendCalcs, defaults={}, legendPlacement='right')::
    panel('timeseries', title, description, if std.isArray(queries) then queries else [queries]) {
    fieldConfig: {
      defaults: {
        unit: unit,
        custom: {
          drawStyle: 'line',
          lineWidth: 1,
          fillOpacity: 0,
          showPoints: 'never',
          spanNulls: false,
          lineInterpolation: 'stepAfter',
        },
        color: { mode: 'palette-classic' },
        min: 0,
      } + defaults,
      overrides: [],
    },
    options: {
      legend: { displayMode: 'table', placement: legendPlacement, showLegend: true, calcs: legendCalcs },
      tooltip: { mode: 'multi', sort: 'desc' },
    },
  },

  // One row per label set, the queries' values merged into columns. `columns` are `column`s;
  // `order` is the columns' order by field name, when not the queries' own.
  table(title, description, queries, columns, sortBy, order=null, defaults={}):: panel('table', title, description, queries) {
    fieldConfig: {
      defaults: { custom: { align: 'auto', filterable: true } } + defaults,
      overrides: columns,
    },
    options: {
      showHeader: true,
      cellHeight: 'sm',
      footer: { show: false },
      sortBy: [sortBy],
    },
    transformations:
      (if std.length(queries) > 1 then [{ id: 'merge', options: {} }] else [])
      + [{
        id: 'organize',
        options: { excludeByName: { Time: true } }
                 + (if order == null then {} else { indexByName: { [order[i]]: i for i in std.range(0, std.length(order) - 1) } }),
      }],
  },

  local reduceToLast = { calcs: ['lastNotNull'], fields: '', values: false },

  stat(title, description, query, defaults, colorMode, textMode='value_and_name', graphMode='none')::
    panel('stat', title, description, [query]) {
    fieldConfig: { defaults: defaults + { color: { mode: 'thresholds' } }, overrides: [] },
    options: {
      colorMode: colorMode,
      textMode: textMode,
      graphMode: graphMode,
      justifyMode: 'auto',
      orientation: 'auto',
      reduceOptions: reduceToLast,
    },
  },

  gauge(title, description, query, defaults):: panel('gauge', title, description, [query]) {
    fieldConfig: { defaults: defaults + { color: { mode: 'thresholds' } }, overrides: [] },
    options: {
      showThresholdLabels: false,
      showThresholdMarkers: true,
      orientation: 'auto',
      reduceOptions: reduceToLast,
    },
  },

  bargauge(title, description, query, defaults):: panel('bargauge', title, description, [query]) {
    fieldConfig: { defaults: { unit: 'percentunit', min: 0, max: 1 } + defaults, overrides: [] },
    options: {
      orientation: 'horizontal',
      displayMode: 'basic',
      showUnfilled: true,
      reduceOptions: reduceToLast,
    },
  },

  // A panel of `width` grid columns in a line of panels.
  cell(width, panel):: { width: width, panel: panel },

  // Rows of lines of cells, top to bottom, as the dashboard's `panels`: each row a title bar,
  // each line as high as its `height`, the cells of a line side by side. Ids follow the order.
  layout(rows)::
    local place(rowsLeft, y, placed) =
      if rowsLeft == [] then placed
      else
        local row = rowsLeft[0];
        local lineTops = std.foldl(
          function(tops, line) tops + [tops[std.length(tops) - 1] + line.height],
          row.lines,
          [y + 1]
        );
        local cells = std.flattenArrays([
          local line = row.lines[i];
          local lefts = std.foldl(function(xs, c) xs + [xs[std.length(xs) - 1] + c.width], line.cells, [0]);
          [
            line.cells[j].panel { gridPos: { x: lefts[j], y: lineTops[i], w: line.cells[j].width, h: line.height } }
            for j in std.range(0, std.length(line.cells) - 1)
          ]
          for i in std.range(0, std.length(row.lines) - 1)
        ]);
        local bar = {
          type: 'row',
          title: row.title,
          collapsed: false,
          gridPos: { h: 1, w: 24, x: 0, y: y },
          panels: [],
        };
        place(rowsLeft[1:], lineTops[std.length(lineTops) - 1], placed + [bar] + cells);
    local panels = place(rows, 0, []);
    [panels[i] { id: i + 1 } for i in std.range(0, std.length(panels) - 1)],

  row(title, lines):: { title: title, lines: lines },
  line(height, cells):: { height: height, cells: cells },
}
