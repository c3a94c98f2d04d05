import { createRequire } from "node:module";
import { Font, StyleSheet } from "@react-pdf/renderer";

const require = createRequire(import.meta.url);

/**
 * Noto Sans (Latin subset) covers accented Latin (á é í ñ ü ç ¿ ¡), so Spanish names and text
 * render as typed; the built-in Helvetica would drop characters outside WinAnsi.
 */
export const FONT_FAMILY = "Noto Sans";
let registered = false;
export function registerFonts() {
  if (registered) return;
  registered = true;
  Font.register({
    family: FONT_FAMILY,
    fonts: [
      { src: require.resolve("@fontsource/noto-sans/files/noto-sans-latin-400-normal.woff"), fontWeight: 400 },
      { src: require.resolve("@fontsource/noto-sans/files/noto-sans-latin-700-normal.woff"), fontWeight: 700 },
    ],
  });
  // Words are not split with hyphens in the middle of names and amounts.
  Font.registerHyphenationCallback((word) => [word]);
}

/** Calm, neutral colours: briefs show journeys and plans, never red/green grading. */
export const colours = {
  ink: "#1f2933",
  muted: "#52606d",
  rule: "#cbd2d9",
  accent: "#2f5d8a",
  accentSoft: "#9fb8d0",
  band: "#f0f4f8",
};

export const styles = StyleSheet.create({
  page: { fontFamily: FONT_FAMILY, fontSize: 10, color: colours.ink, paddingTop: 56, paddingBottom: 56, paddingHorizontal: 48 },
  header: {
    position: "absolute",
    top: 20,
    left: 48,
    right: 48,
    flexDirection: "row",
    justifyContent: "space-between",
    fontSize: 8,
    color: colours.muted,
    borderBottomWidth: 0.5,
    borderBottomColor: colours.rule,
    paddingBottom: 4,
  },
  footer: {
    position: "absolute",
    bottom: 20,
    left: 48,
    right: 48,
    flexDirection: "row",
    justifyContent: "space-between",
    fontSize: 8,
    color: colours.muted,
    borderTopWidth: 0.5,
    borderTopColor: colours.rule,
    paddingTop: 4,
  },
  title: { fontSize: 18, fontWeight: 700, marginBottom: 4 },
  subtitle: { fontSize: 10, color: colours.muted, marginBottom: 16 },
  h2: { fontSize: 13, fontWeight: 700, marginTop: 14, marginBottom: 6 },
  h3: { fontSize: 11, fontWeight: 700, marginTop: 8, marginBottom: 4 },
  paragraph: { marginBottom: 6, lineHeight: 1.4 },
  muted: { color: colours.muted },
  table: { borderTopWidth: 0.5, borderTopColor: colours.rule, marginBottom: 8 },
  row: { flexDirection: "row", borderBottomWidth: 0.5, borderBottomColor: colours.rule, paddingVertical: 3 },
  headRow: {
    flexDirection: "row",
    borderBottomWidth: 0.5,
    borderBottomColor: colours.rule,
    paddingVertical: 3,
    backgroundColor: colours.band,
    fontWeight: 700,
  },
  cell: { flex: 1, paddingHorizontal: 3 },
  numberCell: { flex: 1, paddingHorizontal: 3, textAlign: "right" },
});
