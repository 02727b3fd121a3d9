package dev.switchboard.loadtest.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Small self-contained charts: inline SVG in one HTML page, no script and no CDN, so a report opens anywhere and can
 * be committed as it is. Missing figures (NaN) are left out.
 */
final class Svg {

    private static final String[] COLORS = {"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b"};
    private static final int W = 520;
    private static final int H = 320;
    private static final int LEFT = 64;
    private static final int RIGHT = 16;
    private static final int TOP = 36;
    private static final int BOTTOM = 58;

    private Svg() {
    }

    /** A page holding the charts, with a title and a line of explanation. */
    static String page(String title, String caption, List<String> charts) {
        StringBuilder out = new StringBuilder();
        out.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>").append(esc(title))
                .append("</title>\n<style>body{font-family:system-ui,sans-serif;margin:24px;color:#222}"
                        + "figure{display:inline-block;margin:8px;border:1px solid #ddd;padding:4px}"
                        + "p{max-width:70em}</style></head><body>\n<h1>").append(esc(title)).append("</h1>\n<p>")
                .append(esc(caption)).append("</p>\n");
        for (String chart : charts) {
            out.append("<figure>").append(chart).append("</figure>\n");
        }
        return out.append("</body></html>\n").toString();
    }

    /** One line per series over categorical x values (e.g. concurrency), with each point's value written on it. */
    static String lines(String title, String yUnit, List<String> x, Map<String, double[]> series) {
        double max = max(series);
        StringBuilder out = frame(title, yUnit, max);
        double step = (W - LEFT - RIGHT) / (double) Math.max(1, x.size());
        for (int i = 0; i < x.size(); i++) {
            double cx = LEFT + step * (i + 0.5);
            out.append(text(cx, H - BOTTOM + 16, x.get(i), "middle", 11));
        }
        int s = 0;
        for (Map.Entry<String, double[]> e : series.entrySet()) {
            String color = COLORS[s % COLORS.length];
            StringBuilder path = new StringBuilder();
            double[] v = e.getValue();
            for (int i = 0; i < v.length && i < x.size(); i++) {
                if (Double.isNaN(v[i])) {
                    continue;
                }
                double cx = LEFT + step * (i + 0.5);
                double cy = y(v[i], max);
                path.append(path.isEmpty() ? "M" : " L").append(f(cx)).append(',').append(f(cy));
                out.append("<circle cx=\"").append(f(cx)).append("\" cy=\"").append(f(cy)).append("\" r=\"3\" fill=\"")
                        .append(color).append("\"/>");
                out.append(text(cx + 4, cy - 5 - 10 * s, label(v[i]), "start", 9, color));
            }
            out.append("<path d=\"").append(path).append("\" fill=\"none\" stroke=\"").append(color)
                    .append("\" stroke-width=\"2\"/>");
            s++;
        }
        return legend(out, series.keySet()).append("</svg>").toString();
    }

    /** Grouped bars: one group per category, one bar per series. */
    static String bars(String title, String yUnit, List<String> groups, Map<String, double[]> series) {
        double max = max(series);
        double min = Math.min(0, min(series));
        StringBuilder out = frame(title, yUnit, max, min);
        double step = (W - LEFT - RIGHT) / (double) Math.max(1, groups.size());
        double barWidth = step * 0.8 / Math.max(1, series.size());
        for (int g = 0; g < groups.size(); g++) {
            out.append(text(LEFT + step * (g + 0.5), H - BOTTOM + 16, groups.get(g), "middle", 11));
            int s = 0;
            for (double[] v : series.values()) {
                if (g < v.length && !Double.isNaN(v[g])) {
                    double x0 = LEFT + step * g + step * 0.1 + barWidth * s;
                    double top = y(Math.max(v[g], 0), max, min);
                    double bottom = y(Math.min(v[g], 0), max, min);
                    out.append("<rect x=\"").append(f(x0)).append("\" y=\"").append(f(top)).append("\" width=\"")
                            .append(f(barWidth * 0.92)).append("\" height=\"").append(f(Math.max(0.5, bottom - top)))
                            .append("\" fill=\"").append(COLORS[s % COLORS.length]).append("\"/>");
                    out.append(text(x0 + barWidth * 0.46, top - 3, label(v[g]), "middle", 9));
                }
                s++;
            }
        }
        return legend(out, series.keySet()).append("</svg>").toString();
    }

    /** Lines over a numeric x axis (seconds), e.g. memory over a soak. */
    static String timeLines(String title, String yUnit, double[] x, Map<String, double[]> series) {
        double max = max(series);
        StringBuilder out = frame(title, yUnit, max);
        double xMax = 0;
        for (double v : x) {
            xMax = Math.max(xMax, v);
        }
        xMax = Math.max(xMax, 1);
        for (double t : ticks(xMax)) {
            double cx = LEFT + (W - LEFT - RIGHT) * t / xMax;
            out.append(text(cx, H - BOTTOM + 16, label(t) + " s", "middle", 10));
        }
        int s = 0;
        for (Map.Entry<String, double[]> e : series.entrySet()) {
            StringBuilder path = new StringBuilder();
            double[] v = e.getValue();
            for (int i = 0; i < v.length && i < x.length; i++) {
                if (!Double.isNaN(v[i])) {
                    double cx = LEFT + (W - LEFT - RIGHT) * x[i] / xMax;
                    path.append(path.isEmpty() ? "M" : " L").append(f(cx)).append(',').append(f(y(v[i], max)));
                }
            }
            out.append("<path d=\"").append(path).append("\" fill=\"none\" stroke=\"")
                    .append(COLORS[s++ % COLORS.length]).append("\" stroke-width=\"2\"/>");
        }
        return legend(out, series.keySet()).append("</svg>").toString();
    }

    private static StringBuilder frame(String title, String yUnit, double max) {
        return frame(title, yUnit, max, 0);
    }

    private static StringBuilder frame(String title, String yUnit, double max, double min) {
        StringBuilder out = new StringBuilder();
        out.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(W).append("\" height=\"").append(H)
                .append("\" viewBox=\"0 0 ").append(W).append(' ').append(H).append("\" font-family=\"sans-serif\">");
        out.append(text(W / 2.0, 20, title, "middle", 13));
        out.append(text(14, TOP - 10, yUnit, "start", 10));
        List<Double> ticks = ticks(max);
        if (min < 0) {
            for (double t : ticks(-min)) {
                if (t > 0) {
                    ticks.add(-t);
                }
            }
        }
        for (double t : ticks) {
            double cy = y(t, max, min);
            out.append("<line x1=\"").append(LEFT).append("\" x2=\"").append(W - RIGHT).append("\" y1=\"").append(f(cy))
                    .append("\" y2=\"").append(f(cy)).append("\" stroke=\"").append(t == 0 ? "#888" : "#eee")
                    .append("\"/>");
            out.append(text(LEFT - 6, cy + 3, label(t), "end", 10));
        }
        return out;
    }

    private static StringBuilder legend(StringBuilder out, Iterable<String> names) {
        int i = 0;
        double x = LEFT;
        for (String name : names) {
            double y = H - 18;
            out.append("<rect x=\"").append(f(x)).append("\" y=\"").append(f(y - 9)).append("\" width=\"10\" height=\"10\" fill=\"")
                    .append(COLORS[i % COLORS.length]).append("\"/>");
            out.append(text(x + 14, y, name, "start", 11));
            x += 22 + name.length() * 6.5;
            i++;
        }
        return out;
    }

    private static double y(double value, double max) {
        return y(value, max, 0);
    }

    private static double y(double value, double max, double min) {
        double top = niceCeil(max);
        double bottom = min < 0 ? -niceCeil(-min) : 0;
        double span = Math.max(1e-12, top - bottom);
        return TOP + (H - TOP - BOTTOM) * (top - value) / span;
    }

    private static List<Double> ticks(double max) {
        double top = niceCeil(max);
        List<Double> out = new ArrayList<>();
        for (int i = 0; i <= 5; i++) {
            out.add(top * i / 5);
        }
        return out;
    }

    /** The smallest of 1, 2, 2.5, 5 (times a power of ten) at or above the value, so ticks fall on round numbers. */
    private static double niceCeil(double value) {
        if (!(value > 0)) {
            return 1;
        }
        double power = Math.pow(10, Math.floor(Math.log10(value)));
        for (double m : new double[] {1, 2, 2.5, 5, 10}) {
            if (m * power >= value) {
                return m * power;
            }
        }
        return 10 * power;
    }

    private static double max(Map<String, double[]> series) {
        double max = 0;
        for (double[] v : series.values()) {
            for (double d : v) {
                if (!Double.isNaN(d)) {
                    max = Math.max(max, d);
                }
            }
        }
        return max;
    }

    private static double min(Map<String, double[]> series) {
        double min = 0;
        for (double[] v : series.values()) {
            for (double d : v) {
                if (!Double.isNaN(d)) {
                    min = Math.min(min, d);
                }
            }
        }
        return min;
    }

    private static String text(double x, double y, String text, String anchor, int size) {
        return text(x, y, text, anchor, size, "#222");
    }

    private static String text(double x, double y, String text, String anchor, int size, String color) {
        return "<text x=\"" + f(x) + "\" y=\"" + f(y) + "\" text-anchor=\"" + anchor + "\" font-size=\"" + size
                + "\" fill=\"" + color + "\">" + esc(text) + "</text>";
    }

    private static String label(double v) {
        if (Math.abs(v) >= 100 || v == Math.rint(v)) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        return String.format(Locale.ROOT, Math.abs(v) >= 10 ? "%.1f" : "%.2f", v);
    }

    private static String f(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
