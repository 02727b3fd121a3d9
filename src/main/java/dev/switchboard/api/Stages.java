package dev.switchboard.api;

import dev.switchboard.admission.Admission;
import dev.switchboard.admission.Callers;
import dev.switchboard.admission.ImagePolicy;
import dev.switchboard.admission.RequestBodyReader;
import dev.switchboard.admission.TenantResolver;
import dev.switchboard.routing.Routing;
import dev.switchboard.upstream.Forwarder;
import jakarta.inject.Singleton;

/** The request path's stages, gathered once so each dialect endpoint is built from the same ones. */
@Singleton
class Stages {

    private final RequestBodyReader bodies;
    private final Routing routing;
    private final Forwarder forwarder;
    private final Callers callers;
    private final TenantResolver tenants;
    private final Admission admission;
    private final ImagePolicy images;

    Stages(RequestBodyReader bodies, Routing routing, Forwarder forwarder, Callers callers, TenantResolver tenants,
           Admission admission, ImagePolicy images) {
        this.admission = admission;
        this.images = images;
        this.bodies = bodies;
        this.routing = routing;
        this.forwarder = forwarder;
        this.callers = callers;
        this.tenants = tenants;
    }

    RequestBodyReader bodies() {
        return bodies;
    }

    Routing routing() {
        return routing;
    }

    Forwarder forwarder() {
        return forwarder;
    }

    Callers callers() {
        return callers;
    }

    TenantResolver tenants() {
        return tenants;
    }

    Admission admission() {
        return admission;
    }

    ImagePolicy images() {
        return images;
    }
}
