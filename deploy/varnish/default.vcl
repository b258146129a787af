vcl 4.1;
# Varnish (Debian's `varnish`, 7.x) in front of the portal's gunicorn workers.
#
# The portal decides what may be cached: it answers `Cache-Control: public, max-age, s-maxage,
# stale-while-revalidate` for pages any anonymous visitor may see, and `private, no-store` for
# everything else (forms with a CSRF token, signed-in editors, the admin, the member space).
# Varnish keeps public answers for s-maxage and serves them stale for stale-while-revalidate
# while it fetches a fresh copy (grace).
#
# Invalidation comes from the portal (FRONTEND_CACHE_URL=http://127.0.0.1:6081):
#   PURGE <url>  Wagtail's frontend_cache, for the addresses of a page published or unpublished;
#   BAN /        portal/pagecache.py, after any change a page may show (a page moved or deleted,
#                a municipality, partnership, setting or image saved): every object goes.
# Both are accepted from the local machine only (the `purgers` list).
#
# Run: varnishd -a :6081 -f /etc/varnish/default.vcl -s malloc,256m
# Change the backend below to where gunicorn listens (one backend per machine, or a director).

backend portal {
    .host = "127.0.0.1";
    .port = "8000";
    .connect_timeout = 2s;
    .first_byte_timeout = 60s;
    .between_bytes_timeout = 30s;
}

acl purgers {
    "localhost";
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(405, "Not allowed"));
        }
        return (purge);
    }
    if (req.method == "BAN") {
        if (client.ip !~ purgers) {
            return (synth(405, "Not allowed"));
        }
        # Lurker-friendly (tests only obj.*): every object of every address.
        ban("obj.status != 0");
        return (synth(200, "Banned"));
    }

    # Forms, the admin and the member space are never looked up: POST and friends, requests
    # with credentials, and visitors with a session, a CSRF cookie or pending messages.
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    if (req.http.Authorization) {
        return (pass);
    }
    if (req.url ~ "^/(admin|django-admin|documents)/" || req.url ~ "^/[a-z]{2}(-[a-z]+)?/account/") {
        return (pass);
    }
    if (req.http.Cookie ~ "(^|;\s*)(__Host-|__Secure-)?(sessionid|csrftoken|messages)=") {
        return (pass);
    }

    # An anonymous visitor: other cookies (analytics, consent) neither reach the portal nor
    # split the cache.
    unset req.http.Cookie;
    # Campaign parameters change nothing on a page: one object whatever the newsletter adds.
    if (req.url ~ "[?&](utm_[a-z]+|fbclid|gclid|mc_cid|mc_eid)=") {
        set req.url = regsuball(req.url, "(utm_[a-z]+|fbclid|gclid|mc_cid|mc_eid)=[^&]*&?", "");
        set req.url = regsub(req.url, "[?&]+$", "");
    }
    return (hash);
}

sub vcl_backend_response {
    # Only what the portal marked public is stored; the built-in rules then read s-maxage
    # (TTL) and stale-while-revalidate (grace) from Cache-Control.
    if (beresp.http.Set-Cookie || beresp.http.Cache-Control !~ "public"
            || beresp.http.Cache-Control ~ "(private|no-store|no-cache)") {
        # Remember for a moment that this address is not cacheable (requests go straight on).
        set beresp.ttl = 120s;
        set beresp.uncacheable = true;
        return (deliver);
    }
    # 5xx answers are never kept; the stale copy (grace) is served instead while possible.
    if (beresp.status >= 500) {
        return (abandon);
    }
}

sub vcl_backend_error {
    # The backend is down and nothing stale is left: a short plain answer, never cached.
    set beresp.http.Content-Type = "text/plain; charset=utf-8";
    set beresp.http.Retry-After = "5";
    set beresp.http.Cache-Control = "private, no-store";
    synthetic("The portal is restarting. Please try again in a few seconds.");
    return (deliver);
}

sub vcl_deliver {
    if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
}
