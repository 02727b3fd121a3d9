package dev.switchboard.usage;

import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The usage reports: {@code GET /admin/usage} (rows) and {@code GET /admin/usage/summary} (groups), as JSON or CSV
 * ({@code Accept: text/csv} or {@code ?format=csv}). They read the database on worker threads, never the event loop.
 * JSON is written by {@link UsageJson}, so amounts come out in plain decimals whatever the application's Jackson does.
 * Admin authentication is applied to {@code /admin/*} as a whole, not here.
 */
@Path("/admin/usage")
@Blocking
public class UsageResource {

    static final String CSV = "text/csv";
    private static final Logger LOG = Logger.getLogger(UsageResource.class);
    private static final int MAX_LIMIT = 1000;
    private static final Pattern ID = Pattern.compile("[0-9a-f]{32}");

    private final UsageQueries queries;

    UsageResource(UsageQueries queries) {
        this.queries = queries;
    }

    /** Rows, newest first, {@code limit} at a time; the next page by {@code offset} or by {@code cursor}. */
    @GET
    @Produces({MediaType.APPLICATION_JSON, CSV})
    public Response rows(@BeanParam Params params, @HeaderParam(HttpHeaders.ACCEPT) String accept) {
        try {
            UsageFilter filter = params.filter();
            int limit = number("limit", params.limit, 100, 1, MAX_LIMIT);
            int offset = number("offset", params.offset, 0, 0, Integer.MAX_VALUE);
            String cursor = params.cursor == null || params.cursor.isBlank() ? null : params.cursor.strip();
            if (cursor != null && !ID.matcher(cursor).matches()) {
                throw new IllegalArgumentException("'cursor' must be the next_cursor of a previous page");
            }
            UsageQueries.Page page = queries.rows(filter, limit, offset, cursor);
            Response.ResponseBuilder answer = csv(params.format, accept)
                    ? Response.ok(UsageCsv.rows(page.rows()), CSV + "; charset=utf-8")
                    : Response.ok(UsageJson.write(json(filter, page, limit, offset)), MediaType.APPLICATION_JSON);
            return answer.header("X-Next-Cursor", page.nextCursor()).build();
        } catch (IllegalArgumentException e) {
            return error(Response.Status.BAD_REQUEST, "invalid_request_error", e.getMessage());
        } catch (RuntimeException e) {
            return unavailable(e);
        }
    }

    /** Rows folded into groups by {@code group_by}: counts, tokens, cost and latency percentiles. */
    @GET
    @Path("summary")
    @Produces({MediaType.APPLICATION_JSON, CSV})
    public Response summary(@BeanParam Params params, @QueryParam("group_by") String groupBy,
                            @HeaderParam(HttpHeaders.ACCEPT) String accept) {
        try {
            UsageFilter filter = params.filter();
            UsageSummary summary = queries.summarize(filter,
                    new UsageSummary(UsageSummary.Dimension.parse(groupBy)));
            List<Map<String, Object>> groups = summary.rows();
            if (csv(params.format, accept)) {
                List<String> columns = new ArrayList<>();
                summary.groupBy().forEach(d -> columns.add(d.key()));
                columns.addAll(UsageSummary.METRICS);
                return Response.ok(UsageCsv.summary(columns, groups), CSV + "; charset=utf-8").build();
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("filter", filter.echo());
            body.put("group_by", summary.groupBy().stream().map(UsageSummary.Dimension::key).toList());
            body.put("groups", groups);
            return Response.ok(UsageJson.write(body), MediaType.APPLICATION_JSON).build();
        } catch (IllegalArgumentException e) {
            return error(Response.Status.BAD_REQUEST, "invalid_request_error", e.getMessage());
        } catch (RuntimeException e) {
            return unavailable(e);
        }
    }

    private static Map<String, Object> json(UsageFilter filter, UsageQueries.Page page, int limit, int offset) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("filter", filter.echo());
        body.put("limit", limit);
        body.put("offset", offset);
        body.put("next_cursor", page.nextCursor());
        body.put("rows", page.rows());
        return body;
    }

    private static boolean csv(String format, String accept) {
        if (format != null && !format.isBlank()) {
            return switch (format.strip().toLowerCase()) {
                case "csv" -> true;
                case "json" -> false;
                default -> throw new IllegalArgumentException("'format' is csv or json");
            };
        }
        return accept != null && accept.contains(CSV) && !accept.contains(MediaType.APPLICATION_JSON);
    }

    private static int number(String name, String value, int absent, int min, int max) {
        if (value == null || value.isBlank()) {
            return absent;
        }
        try {
            int n = Integer.parseInt(value.strip());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new IllegalArgumentException("'" + name + "' must be a whole number from " + min
                + (max == Integer.MAX_VALUE ? " up" : " to " + max));
    }

    private static Response unavailable(RuntimeException e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        LOG.warnf("usage report failed: %s", root.getMessage());
        LOG.debug("usage report failure", e);
        return error(Response.Status.SERVICE_UNAVAILABLE, "service_unavailable", "the usage database cannot be read"
                + " now; rows written meanwhile wait in the journal. Retry later");
    }

    private static Response error(Response.Status status, String type, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON)
                .entity(Map.of("error", Map.of("message", message, "type", type))).build();
    }

    /** The filters and paging both reports take. */
    public static class Params {
        @QueryParam("from")
        String from;
        @QueryParam("to")
        String to;
        @QueryParam("caller")
        String caller;
        @QueryParam("tenant")
        String tenant;
        @QueryParam("project")
        String project;
        @QueryParam("group")
        String group;
        @QueryParam("provider")
        String provider;
        @QueryParam("model")
        String model;
        @QueryParam("status")
        String status;
        @QueryParam("request_id")
        String requestId;
        @QueryParam("limit")
        String limit;
        @QueryParam("offset")
        String offset;
        @QueryParam("cursor")
        String cursor;
        @QueryParam("format")
        String format;

        UsageFilter filter() {
            Integer code = status == null || status.isBlank() ? null : number("status", status, 0, 100, 599);
            return new UsageFilter(UsageFilter.instant("from", from, false), UsageFilter.instant("to", to, true),
                    blankToNull(caller), blankToNull(tenant), blankToNull(project), blankToNull(group),
                    blankToNull(provider), blankToNull(model), code, blankToNull(requestId));
        }

        private static String blankToNull(String value) {
            return value == null || value.isBlank() ? null : value;
        }
    }
}
