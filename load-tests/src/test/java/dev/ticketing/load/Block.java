package dev.ticketing.load;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A part of the report, written as Markdown ({@code report.md}) and HTML
 * ({@code report.html}).
 */
sealed interface Block {

	String STYLE = """
			body{font:14px system-ui,sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#222}
			table{border-collapse:collapse;margin:.5em 0 1em}td,th{border:1px solid #ccc;padding:3px 8px;text-align:left}
			th{background:#f3f3f3}td.PASS{color:#070;font-weight:bold}td.FAIL{color:#b00;font-weight:bold}
			pre{background:#f6f6f6;padding:.8em;overflow:auto}svg{display:block;margin:.5em 0 1.5em}""";

	String markdown();

	String html();

	static String markdown(List<Block> blocks) {
		return blocks.stream().map(Block::markdown).collect(Collectors.joining("\n"));
	}

	static String html(List<Block> blocks) {
		return "<!doctype html><html><head><meta charset='utf-8'><title>Load test report</title><style>" + STYLE
				+ "</style></head><body>\n" + blocks.stream().map(Block::html).collect(Collectors.joining("\n"))
				+ "\n</body></html>\n";
	}

	private static String escape(String text) {
		return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("'", "&#39;");
	}

	record Heading(int level, String text) implements Block {

		@Override
		public String markdown() {
			return "#".repeat(this.level) + " " + this.text + "\n";
		}

		@Override
		public String html() {
			return "<h" + this.level + ">" + escape(this.text) + "</h" + this.level + ">";
		}

	}

	record Paragraph(String text) implements Block {

		@Override
		public String markdown() {
			return this.text + "\n";
		}

		@Override
		public String html() {
			return "<p>" + escape(this.text) + "</p>";
		}

	}

	record Pre(String text) implements Block {

		@Override
		public String markdown() {
			return "```\n" + this.text + "\n```\n";
		}

		@Override
		public String html() {
			return "<pre>" + escape(this.text) + "</pre>";
		}

	}

	record Table(List<String> header, List<List<String>> rows) implements Block {

		@Override
		public String markdown() {
			if (this.rows.isEmpty()) {
				return "(none)\n";
			}
			StringBuilder out = new StringBuilder(row(this.header)).append("\n|")
				.append(this.header.stream().map((h) -> "---").collect(Collectors.joining("|")))
				.append("|\n");
			this.rows.forEach((r) -> out.append(row(r)).append('\n'));
			return out.toString();
		}

		private static String row(List<String> cells) {
			return cells.stream()
				.map((c) -> c.replace("|", "\\|").replace("\n", " "))
				.collect(Collectors.joining(" | ", "| ", " |"));
		}

		@Override
		public String html() {
			StringBuilder out = new StringBuilder("<table><tr>");
			this.header.forEach((h) -> out.append("<th>").append(escape(h)).append("</th>"));
			out.append("</tr>\n");
			for (List<String> r : this.rows) {
				out.append("<tr>");
				r.forEach((c) -> out.append("<td class='")
					.append(escape(c))
					.append("'>")
					.append(escape(c))
					.append("</td>"));
				out.append("</tr>\n");
			}
			return out.append("</table>").toString();
		}

	}

	/** A chart: inline SVG in the HTML, a pointer to it in the Markdown. */
	record Svg(String name, String svg) implements Block {

		@Override
		public String markdown() {
			return "(chart: " + this.name + ", in report.html)\n";
		}

		@Override
		public String html() {
			return this.svg;
		}

	}

}
