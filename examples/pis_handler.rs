//! A Player Info Sync (personalize) handler that checks its own response before answering.
//!
//! `POST /personalize` with `{"playerId": "..."}` builds the player's PIS v2 response for the
//! *Starforge Drift* store in `examples/`, runs it through one shared [`Linter`], turns what the
//! store would reject into v1 Integration Error Events, logs them, optionally posts them to
//! `OFFERLINT_EVENTS_URL`, and answers 200 with the response unchanged: the store reports
//! invalid properties through events, never in the HTTP exchange, so neither does this handler.
//!
//! Player ids starting with `broken-`, or the query `?broken=true`, get a response with two
//! deliberate mistakes (`status: "Valid"` and a quantity sent as the string `"500"`).
//!
//! Run: `cargo run --example pis_handler [-- --listen ADDR]`. The address comes from
//! `--listen`, else `PIS_HANDLER_ADDR`, else `127.0.0.1:8080`.
//!
//! Left out on purpose: the `signature` and `x-publisher-token` checks a real handler must do.

use std::net::SocketAddr;
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use axum::extract::{Query, State};
use axum::http::HeaderMap;
use axum::routing::post;
use axum::{Json, Router};
use clap::Parser;
use offerlint::{EventContext, IntegrationErrorEvent, Kind, Linter, Severity, build_events};
use serde::Deserialize;
use serde_json::{Value, json};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// Where the handler listens when neither `--listen` nor `PIS_HANDLER_ADDR` says otherwise.
const DEFAULT_ADDR: &str = "127.0.0.1:8080";
/// How long one event delivery may take, connect to last byte.
const FORWARD_TIMEOUT: Duration = Duration::from_secs(5);
/// The most of an HTTP answer that is read back; only its status line matters here.
const MAX_ANSWER_BYTES: u64 = 64 * 1024;
/// The name the response is checked under; it shows up in debug logs only.
const RESPONSE_NAME: &str = "personalize-response";

#[derive(Parser)]
#[command(about = "Player Info Sync handler that lints its own responses")]
struct Args {
    #[arg(
        long,
        value_name = "ADDR",
        help = "Address to listen on [env: PIS_HANDLER_ADDR] [default: 127.0.0.1:8080]"
    )]
    listen: Option<String>,
}

#[tokio::main]
async fn main() -> ExitCode {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .init();

    match run(Args::parse()).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            tracing::error!("{message}");
            ExitCode::FAILURE
        }
    }
}

async fn run(args: Args) -> Result<(), String> {
    let address = args
        .listen
        .or_else(|| std::env::var("PIS_HANDLER_ADDR").ok())
        .unwrap_or_else(|| DEFAULT_ADDR.to_owned());
    let events_url = match std::env::var("OFFERLINT_EVENTS_URL") {
        Ok(url) if !url.is_empty() => {
            Some(EventsUrl::parse(&url).map_err(|e| format!("OFFERLINT_EVENTS_URL: {e}"))?)
        }
        _ => None,
    };
    let linter = Linter::new().map_err(|e| format!("cannot build the linter: {e}"))?;
    let state = AppState::new(linter, events_url);

    let listener = TcpListener::bind(&address)
        .await
        .map_err(|e| format!("cannot listen on {address}: {e}"))?;
    let bound = listener
        .local_addr()
        .map_err(|e| format!("cannot read the bound address: {e}"))?;
    announce(bound);
    if let Some(url) = &state.events_url {
        tracing::info!(url = %url.display, "forwarding Integration Error Events");
    }

    // On a stop signal the server stops accepting and lets open requests finish, but a
    // client that never finishes its request cannot hold the process past the grace period.
    let (stopping, mut stopped) = tokio::sync::watch::channel(false);
    let server = axum::serve(listener, app(state)).with_graceful_shutdown(async move {
        stop_signal().await;
        let _ = stopping.send(true);
    });
    let deadline = async move {
        let _ = stopped.wait_for(|stopping| *stopping).await;
        tokio::time::sleep(SHUTDOWN_GRACE).await;
    };
    tokio::select! {
        outcome = server => outcome.map_err(|e| format!("server stopped: {e}")),
        () = deadline => {
            tracing::warn!(
                grace_seconds = SHUTDOWN_GRACE.as_secs(),
                "requests still open after the grace period; stopping anyway"
            );
            Ok(())
        }
    }
}

/// How long open requests may take to finish once a stop signal arrived.
const SHUTDOWN_GRACE: std::time::Duration = std::time::Duration::from_secs(10);

/// Resolves on Ctrl-C, or on SIGTERM (how service managers and containers stop a process).
/// A signal whose handler cannot be installed is simply never awaited.
async fn stop_signal() {
    let interrupt = async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        use tokio::signal::unix::{SignalKind, signal};
        match signal(SignalKind::terminate()) {
            Ok(mut stream) => {
                stream.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = interrupt => {}
        () = terminate => {}
    }
}

#[expect(
    clippy::print_stdout,
    reason = "the bound address is the example's one line of output, for people and scripts"
)]
fn announce(bound: SocketAddr) {
    println!("listening on http://{bound}/personalize");
}

/// What every request shares: the linter (built once), where events go, and a count of the
/// events built so far.
#[derive(Clone)]
struct AppState {
    linter: Arc<Linter>,
    events_url: Option<Arc<EventsUrl>>,
    events_built: Arc<AtomicUsize>,
}

impl AppState {
    fn new(linter: Linter, events_url: Option<EventsUrl>) -> Self {
        Self {
            linter: Arc::new(linter),
            events_url: events_url.map(Arc::new),
            events_built: Arc::new(AtomicUsize::new(0)),
        }
    }
}

fn app(state: AppState) -> Router {
    Router::new()
        .route("/personalize", post(personalize))
        .with_state(state)
}

/// The PIS request body (spec events.md §2).
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct PisRequest {
    player_id: String,
}

/// Query flags of `/personalize`.
#[derive(Deserialize)]
struct Flags {
    /// Any value but `false` or `0` asks for the response with deliberate mistakes.
    broken: Option<String>,
}

impl Flags {
    fn broken(&self) -> bool {
        self.broken
            .as_deref()
            .is_some_and(|value| value != "false" && value != "0")
    }
}

async fn personalize(
    State(state): State<AppState>,
    Query(flags): Query<Flags>,
    headers: HeaderMap,
    Json(request): Json<PisRequest>,
) -> Json<Value> {
    let now_ms = jiff::Timestamp::now().as_millisecond();
    let broken = flags.broken() || request.player_id.starts_with("broken-");
    let response = build_response(&request.player_id, now_ms, broken);

    let report = state
        .linter
        .check_value(RESPONSE_NAME, &response, Some(Kind::PisResponse));
    let context = EventContext {
        request_id: headers
            .get("x-request-id")
            .and_then(|value| value.to_str().ok())
            .map(str::to_owned),
        player_id: request.player_id.clone(),
        timestamp_ms: now_ms,
        min_severity: Severity::Error,
    };
    let events = build_events(&report, &context);
    state
        .events_built
        .fetch_add(events.len(), Ordering::Relaxed);

    if events.is_empty() {
        tracing::debug!(player_id = %request.player_id, "response is clean");
    } else {
        let line = serde_json::to_string(&events).unwrap_or_else(|_| "[]".to_owned());
        tracing::info!(
            player_id = %request.player_id,
            count = events.len(),
            events = %line,
            "the store would reject parts of this response"
        );
        if let Some(url) = &state.events_url {
            // Delivery must not hold up the answer: the store waits on it.
            tokio::spawn(forward(Arc::clone(url), events));
        }
    }
    Json(response)
}

/// Builds a PIS v2 response (spec offers.md §3) from the `examples/` catalog and offers.
/// Balances vary with the player id so that different players get different answers.
fn build_response(player_id: &str, now_ms: i64, broken: bool) -> Value {
    let seed: u64 = player_id.bytes().map(u64::from).sum();
    let credits = 1_000 + seed * 37 % 20_000;
    let crystals = seed % 90;
    let fuel = seed % 12;
    let one_day_ms = 24 * 60 * 60 * 1000;

    let mut response = json!({
        "version": 2,
        "status": "valid",
        "sessionMetadata": {"authMethod": "userToken", "locale": "en-US", "clientBuild": "4.2.0"},
        "playerLevelName": "Cadet",
        "playerLevel": {"assetId": "lvl-cadet", "text": "Level 2"},
        "offersOrder": "publisherOrder",
        "segments": ["new_pilots"],
        "focus": {"publisherBundleId": "bundle-cadet-launch"},
        "attributes": {"persona": "rookie", "hangar": "alpha"},
        "balances": [
            {"publisherProductId": "credits", "quantity": credits},
            {"publisherProductId": "void_crystals", "quantity": crystals},
            {"publisherProductId": "fuel_cells", "quantity": fuel}
        ],
        "offers": [
            {
                "publisherOfferId": "bundle-cadet-launch",
                "endsIn": now_ms + one_day_ms,
                "productSale": {"amountBeforeSale": 160, "sale": 150, "type": "percentage"},
                "badges": [{"publisherBadgeId": "emblem_top_pick", "position": "right"}],
                "productsSequence": [{
                    "index": 1,
                    "progressBarPoints": [{"publisherBarId": "progress-drift-pass", "points": 25}],
                    "products": [
                        {"publisherProductId": "void_crystals", "quantity": 400, "priority": "Main"},
                        {"publisherProductId": "credits", "quantity": 20_000, "priority": "Sub"},
                        {"publisherProductId": "boost_mining_x2", "quantity": 60, "priority": "Sub"}
                    ]
                }]
            },
            {
                "publisherOfferId": "bundle-free-fuel",
                "badges": [{"publisherBadgeId": "ribbon_free_gift", "position": "left"}],
                "productsSequence": [{
                    "index": 1,
                    "products": [{"publisherProductId": "fuel_cells", "quantity": 5, "priority": "Main"}]
                }]
            },
            {
                "publisherOfferId": "rolling-asteroid-belt",
                "productsSequence": [
                    {
                        "index": 1,
                        "products": [{"publisherProductId": "iridium_ore", "quantity": 50, "priority": "Main"}]
                    },
                    {
                        "index": 2,
                        "productSale": {"amountBeforeSale": 8, "sale": 50, "type": "percentage"},
                        "products": [{"publisherProductId": "drone_chips", "quantity": 12, "priority": "Main"}]
                    },
                    {
                        "index": 3,
                        "products": [
                            {"publisherProductId": "helium3", "quantity": 20, "priority": "Main"},
                            {"publisherProductId": "credits", "quantity": 5_000, "priority": "Sub"}
                        ]
                    }
                ]
            }
        ]
    });
    if broken {
        // The two mistakes publishers make most often (examples/pis/mistake-*.json).
        response["status"] = json!("Valid");
        response["offers"][0]["productsSequence"][0]["products"][0]["quantity"] = json!("500");
    }
    response
}

/// Posts each event, one per request, as the store posts them to an events webhook.
async fn forward(url: Arc<EventsUrl>, events: Vec<IntegrationErrorEvent>) {
    for event in events {
        let body = match serde_json::to_vec(&event) {
            Ok(body) => body,
            Err(error) => {
                tracing::warn!(%error, "cannot serialise an event");
                continue;
            }
        };
        let sent = tokio::time::timeout(
            FORWARD_TIMEOUT,
            http_post(&url.authority, &url.path, &[], &body),
        )
        .await;
        match sent {
            Ok(Ok((status, _))) if (200..300).contains(&status) => {
                tracing::debug!(status, url = %url.display, "event delivered");
            }
            Ok(Ok((status, _))) => {
                tracing::warn!(status, url = %url.display, "events URL refused an event");
            }
            Ok(Err(error)) => tracing::warn!(%error, url = %url.display, "event not delivered"),
            Err(_) => tracing::warn!(url = %url.display, "event delivery timed out"),
        }
    }
}

/// A plain `http://host[:port][/path]` URL: enough for a local collector or a sidecar, and
/// no TLS or HTTP client crate to pull in for an example.
#[derive(Debug, PartialEq, Eq)]
struct EventsUrl {
    /// `host:port`, to connect to and to send as `Host`.
    authority: String,
    /// The request target, starting with `/`.
    path: String,
    /// The URL as given, for logs.
    display: String,
}

impl EventsUrl {
    fn parse(url: &str) -> Result<Self, String> {
        let rest = url.strip_prefix("http://").ok_or_else(|| {
            format!("`{url}` is not an http:// URL (https is not supported here)")
        })?;
        let (authority, path) = rest
            .find(['/', '?'])
            .map_or((rest, ""), |at| rest.split_at(at));
        if authority.is_empty() || authority.contains('@') {
            return Err(format!("`{url}` has no usable host"));
        }
        let has_port = authority
            .rsplit_once(':')
            .is_some_and(|(_, port)| !port.is_empty() && port.bytes().all(|b| b.is_ascii_digit()));
        let authority = if has_port {
            authority.to_owned()
        } else {
            format!("{authority}:80")
        };
        let path = if path.starts_with('/') {
            path.to_owned()
        } else {
            format!("/{path}")
        };
        Ok(Self {
            authority,
            path,
            display: url.to_owned(),
        })
    }
}

/// Sends one HTTP/1.1 `POST` with a JSON body and `Connection: close`, and returns the status
/// code and the body of the answer (read to the end of the connection).
async fn http_post(
    authority: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> std::io::Result<(u16, Vec<u8>)> {
    let mut stream = TcpStream::connect(authority).await?;
    let mut request = format!(
        "POST {path} HTTP/1.1\r\nHost: {authority}\r\nContent-Type: application/json\r\n\
         Content-Length: {}\r\nConnection: close\r\n",
        body.len()
    );
    for (name, value) in headers {
        for part in [name, ": ", value, "\r\n"] {
            request.push_str(part);
        }
    }
    request.push_str("\r\n");
    stream.write_all(request.as_bytes()).await?;
    stream.write_all(body).await?;

    let mut answer = Vec::new();
    stream
        .take(MAX_ANSWER_BYTES)
        .read_to_end(&mut answer)
        .await?;
    let invalid = || std::io::Error::new(std::io::ErrorKind::InvalidData, "not an HTTP answer");
    let head_end = answer
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .ok_or_else(invalid)?;
    let status = std::str::from_utf8(&answer[..head_end])
        .ok()
        .and_then(|head| head.split(' ').nth(1))
        .and_then(|code| code.parse().ok())
        .ok_or_else(invalid)?;
    Ok((status, answer[head_end + 4..].to_vec()))
}

#[cfg(test)]
mod tests {
    use super::*;

    use offerlint::ReasonEntry;
    use tokio::sync::{mpsc, oneshot};
    use tokio::task::JoinHandle;
    use tokio::time::timeout;

    const WAIT: Duration = Duration::from_secs(10);

    /// A server on a free loopback port, and how to stop it.
    struct Running {
        address: SocketAddr,
        stop: oneshot::Sender<()>,
        task: JoinHandle<std::io::Result<()>>,
    }

    impl Running {
        async fn start(router: Router) -> Self {
            let listener = timeout(WAIT, TcpListener::bind("127.0.0.1:0"))
                .await
                .expect("bind in time")
                .expect("bind a loopback port");
            let address = listener.local_addr().expect("bound address");
            let (stop, stopped) = oneshot::channel::<()>();
            let task = tokio::spawn(async move {
                axum::serve(listener, router)
                    .with_graceful_shutdown(async {
                        let _ = stopped.await;
                    })
                    .await
            });
            Self {
                address,
                stop,
                task,
            }
        }

        async fn stop(self) {
            let _ = self.stop.send(());
            timeout(WAIT, self.task)
                .await
                .expect("server stops in time")
                .expect("server task")
                .expect("server ran");
        }
    }

    /// An events collector: each posted body goes into the channel.
    fn collector(sink: mpsc::UnboundedSender<Vec<u8>>) -> Router {
        Router::new()
            .route(
                "/events",
                post(
                    |State(sink): State<mpsc::UnboundedSender<Vec<u8>>>,
                     body: axum::body::Bytes| async move {
                        let _ = sink.send(body.to_vec());
                        "ok"
                    },
                ),
            )
            .with_state(sink)
    }

    async fn personalize_request(
        address: SocketAddr,
        target: &str,
        headers: &[(&str, &str)],
        body: &str,
    ) -> (u16, Vec<u8>) {
        timeout(
            WAIT,
            http_post(&address.to_string(), target, headers, body.as_bytes()),
        )
        .await
        .expect("answer in time")
        .expect("an HTTP answer")
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn answers_every_player_and_forwards_only_the_broken_ones_events() {
        let (sink, mut received) = mpsc::unbounded_channel();
        let mock = Running::start(collector(sink)).await;
        let events_url =
            EventsUrl::parse(&format!("http://{}/events", mock.address)).expect("mock URL");
        let state = AppState::new(Linter::new().expect("linter"), Some(events_url));
        let built = Arc::clone(&state.events_built);
        let server = Running::start(app(state)).await;

        // A good player: the response parses, is for real offers, and makes no event.
        let (status, body) = personalize_request(
            server.address,
            "/personalize",
            &[],
            r#"{"playerId": "plr-10482"}"#,
        )
        .await;
        assert_eq!(status, 200);
        let response: Value = serde_json::from_slice(&body).expect("JSON response");
        assert_eq!(response["status"], "valid");
        assert_eq!(
            response["offers"][0]["publisherOfferId"],
            "bundle-cadet-launch"
        );
        assert_eq!(built.load(Ordering::Relaxed), 0);

        // A broken player: still 200 with the response as built, mistakes and all.
        let request_id = "2f1d7c9e-4b3a-4e8f-9a61-5c0b7d2e3f41";
        let (status, body) = personalize_request(
            server.address,
            "/personalize",
            &[("x-request-id", request_id)],
            r#"{"playerId": "broken-7"}"#,
        )
        .await;
        assert_eq!(status, 200);
        let response: Value = serde_json::from_slice(&body).expect("JSON response");
        assert_eq!(response["status"], "Valid");

        let expected = built.load(Ordering::Relaxed);
        assert!(expected > 0, "the broken response made no event");
        let mut properties = Vec::new();
        for _ in 0..expected {
            let body = timeout(WAIT, received.recv())
                .await
                .expect("event forwarded in time")
                .expect("collector still running");
            let event: IntegrationErrorEvent =
                serde_json::from_slice(&body).expect("a v1 Integration Error Event");
            assert_eq!(event.event, "invalid_property_error");
            assert_eq!(event.data.player_id, "broken-7");
            assert_eq!(event.data.request_id, request_id);
            let reasons: Vec<ReasonEntry> =
                serde_json::from_str(&event.data.reason).expect("reason is an array");
            properties.extend(reasons.into_iter().map(|r| r.property));
        }
        assert!(properties.iter().any(|p| p == "status"), "{properties:?}");
        assert!(
            properties
                .iter()
                .any(|p| p == "offers.0.productsSequence.0.products.0.quantity"),
            "{properties:?}"
        );
        // Nothing else arrives: the good player's answer made no event.
        assert!(
            timeout(Duration::from_millis(200), received.recv())
                .await
                .is_err()
        );

        // The query flag breaks any player; a body without a player id is refused.
        let (status, _) = personalize_request(
            server.address,
            "/personalize?broken=true",
            &[],
            r#"{"playerId": "plr-20931"}"#,
        )
        .await;
        assert_eq!(status, 200);
        assert!(built.load(Ordering::Relaxed) > expected);
        let (status, _) =
            personalize_request(server.address, "/personalize", &[], r#"{"player": 1}"#).await;
        assert!((400..500).contains(&status), "status {status}");

        server.stop().await;
        mock.stop().await;
    }

    #[test]
    fn built_responses_are_clean_unless_broken_on_purpose() {
        let linter = Linter::new().expect("linter");
        let now_ms = 1_767_225_600_000;
        for player in ["plr-10482", "", "a-very-long-player-id-0123456789"] {
            let report = linter.check_value(
                RESPONSE_NAME,
                &build_response(player, now_ms, false),
                Some(Kind::PisResponse),
            );
            // Badges still carry `position`: the schema requires it, so the only findings
            // are the warnings that it is outdated, and warnings make no event.
            assert_eq!(
                report.count_at_least(Severity::Error),
                0,
                "{:#?}",
                report.findings
            );
            assert!(
                report
                    .findings
                    .iter()
                    .all(|f| f.rule == "pis-badge-position-deprecated"),
                "{:#?}",
                report.findings
            );
        }
        let report = linter.check_value(
            RESPONSE_NAME,
            &build_response("p", now_ms, true),
            Some(Kind::PisResponse),
        );
        assert_eq!(report.count_at_least(Severity::Error), 2);
    }

    #[test]
    fn reads_plain_http_events_urls_only() {
        assert_eq!(
            EventsUrl::parse("http://127.0.0.1:9000/hooks/events"),
            Ok(EventsUrl {
                authority: "127.0.0.1:9000".to_owned(),
                path: "/hooks/events".to_owned(),
                display: "http://127.0.0.1:9000/hooks/events".to_owned(),
            })
        );
        let url = EventsUrl::parse("http://collector.local").expect("no path");
        assert_eq!(
            (url.authority.as_str(), url.path.as_str()),
            ("collector.local:80", "/")
        );
        let url = EventsUrl::parse("http://[::1]?k=v").expect("IPv6 and query");
        assert_eq!(
            (url.authority.as_str(), url.path.as_str()),
            ("[::1]:80", "/?k=v")
        );
        assert!(EventsUrl::parse("https://collector.local/events").is_err());
        assert!(EventsUrl::parse("http:///events").is_err());
        assert!(EventsUrl::parse("http://user@host/events").is_err());
    }
}
