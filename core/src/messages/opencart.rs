//! E-commerce order calls (SPEC §11, seed `000`, `opencart-README.md`):
//! the PBX calls the shop's OpenCart API routes `api/verimor/…`.
//!
//! The vendor's reference plugin interpolates `telephone` and `date_added`
//! into SQL unescaped. [`parse_request`] is the defence a PHP plugin calls
//! before touching its database: a telephone of digits only (matched by
//! [`Phone::match_key`], not `LIKE '%…'`), a real timestamp, a positive
//! order id.
//!
//! ```
//! use santral::diag::Collector;
//! use santral::opencart::{parse_request, Request, VENDOR_ADDRESSES, is_allowed};
//!
//! let mut sink: Collector<4> = Collector::new();
//! let q = b"route=api/verimor/get_order_by_telephone_number&telephone=905321234567";
//! let Some(Request::GetOrderByTelephone { telephone }) = parse_request(q, &mut sink) else { panic!() };
//! assert_eq!(telephone.match_key().as_str(), "5321234567");
//!
//! let q = b"route=api/verimor/get_order_by_telephone_number&telephone=1' OR '1'='1";
//! assert!(parse_request(q, &mut sink).is_none());
//!
//! assert!(is_allowed(&VENDOR_ADDRESSES, "194.49.126.45".parse().unwrap()));
//! ```

use core::fmt;

use crate::diag::{Code, Counting, Error, Sink, Span};
use crate::form::{report, report_missing, Encode, Fields, Form};
use crate::json::{key_index, Event, JsonStr, Token, Walker};
use crate::lexical::Id;
use crate::phone::Phone;
use crate::time::{Timestamp, Zone, TURKEY};

/// The route prefix of the vendor's plugin.
pub const ROUTE_PREFIX: &str = "api/verimor/";

crate::wire_enum! {
    /// The three routes of the vendor's plugin (after [`ROUTE_PREFIX`]).
    pub enum Route: Code::OpencartUnknownRoute {
        /// Look an order up by the caller's number.
        GetOrderByTelephoneNumber = "get_order_by_telephone_number",
        /// Move an order to another status.
        UpdateOrderStatus = "update_order_status",
        /// The orders added since a time.
        ListOrders = "list_orders",
    }
}

/// The three routes (the wire names of [`Route`]).
pub const ROUTES: [&str; 3] = [
    "get_order_by_telephone_number",
    "update_order_status",
    "list_orders",
];

/// OpenCart's default order statuses, as the vendor lists them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum OrderStatus {
    /// 1 Onay Bekliyor (pending).
    OnayBekliyor = 1,
    /// 2 Hazırlanıyor (processing).
    Hazirlaniyor = 2,
    /// 3 Kargoya Verildi (shipped).
    KargoyaVerildi = 3,
    /// 5 Tamamlandı (complete).
    Tamamlandi = 5,
    /// 7 İptal Edildi (canceled).
    IptalEdildi = 7,
    /// 8 Reddedildi (denied).
    Reddedildi = 8,
    /// 9 İptal Geri Alındı (canceled reversal).
    IptalGeriAlindi = 9,
    /// 10 Başarısız (failed).
    Basarisiz = 10,
    /// 11 İade Edildi (refunded).
    IadeEdildi = 11,
    /// 12 Durduruldu (reversed).
    Durduruldu = 12,
    /// 13 Ters İbraz (chargeback).
    TersIbraz = 13,
    /// 14 Süresi Doldu (expired).
    SuresiDoldu = 14,
    /// 15 Hazırlandı (processed).
    Hazirlandi = 15,
    /// 16 Hükümsüz (voided).
    Hukumsuz = 16,
}

impl OrderStatus {
    /// Every status, by id.
    pub const ALL: [OrderStatus; 14] = [
        OrderStatus::OnayBekliyor,
        OrderStatus::Hazirlaniyor,
        OrderStatus::KargoyaVerildi,
        OrderStatus::Tamamlandi,
        OrderStatus::IptalEdildi,
        OrderStatus::Reddedildi,
        OrderStatus::IptalGeriAlindi,
        OrderStatus::Basarisiz,
        OrderStatus::IadeEdildi,
        OrderStatus::Durduruldu,
        OrderStatus::TersIbraz,
        OrderStatus::SuresiDoldu,
        OrderStatus::Hazirlandi,
        OrderStatus::Hukumsuz,
    ];

    /// The status id.
    pub const fn id(self) -> u32 {
        self as u32
    }

    /// The Turkish name.
    pub const fn name_tr(self) -> &'static str {
        match self {
            OrderStatus::OnayBekliyor => "Onay Bekliyor",
            OrderStatus::Hazirlaniyor => "Hazırlanıyor",
            OrderStatus::KargoyaVerildi => "Kargoya Verildi",
            OrderStatus::Tamamlandi => "Tamamlandı",
            OrderStatus::IptalEdildi => "İptal Edildi",
            OrderStatus::Reddedildi => "Reddedildi",
            OrderStatus::IptalGeriAlindi => "İptal Geri Alındı",
            OrderStatus::Basarisiz => "Başarısız",
            OrderStatus::IadeEdildi => "İade Edildi",
            OrderStatus::Durduruldu => "Durduruldu",
            OrderStatus::TersIbraz => "Ters İbraz",
            OrderStatus::SuresiDoldu => "Süresi Doldu",
            OrderStatus::Hazirlandi => "Hazırlandı",
            OrderStatus::Hukumsuz => "Hükümsüz",
        }
    }

    /// The status with this id.
    pub fn from_id(id: u32) -> Option<OrderStatus> {
        OrderStatus::ALL.into_iter().find(|s| s.id() == id)
    }
}

/// A status id from a request: a default status or a shop's own.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Status {
    /// One of OpenCart's defaults.
    Known(OrderStatus),
    /// A status the shop added.
    Custom(u32),
}

/// The payment methods that mean cash on delivery.
pub const CASH_ON_DELIVERY: [&str; 4] = [
    "Kapıda Ödeme",
    "Cash on Delivery",
    "Kapıda Kredi Kartı ile Ödeme",
    "Kapıda Nakit Ödeme",
];

/// True when `payment_method` is a cash-on-delivery method (spaces around ignored).
pub fn is_cash_on_delivery(payment_method: &str) -> bool {
    let m = payment_method.trim();
    CASH_ON_DELIVERY.contains(&m)
}

/// True when the PBX should call to confirm: status 1 (Onay Bekliyor) and
/// paid on delivery.
pub fn needs_confirmation_call(status_id: u32, payment_method: &str) -> bool {
    status_id == OrderStatus::OnayBekliyor.id() && is_cash_on_delivery(payment_method)
}

/// The status an order moves to after the confirmation call: confirmed →
/// 2 Hazırlanıyor, cancelled → 7 İptal Edildi.
pub const fn status_after_call(confirmed: bool) -> OrderStatus {
    if confirmed {
        OrderStatus::Hazirlaniyor
    } else {
        OrderStatus::IptalEdildi
    }
}

/// A validated request from the PBX.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Request {
    /// `get_order_by_telephone_number&telephone=…`.
    GetOrderByTelephone {
        /// The caller; look orders up by [`Phone::match_key`].
        telephone: Phone,
    },
    /// `update_order_status&order_id=…&status=…`.
    UpdateOrderStatus {
        /// The order.
        order_id: Id,
        /// The new status.
        status: Status,
    },
    /// `list_orders&date_added=YYYY-MM-DD HH:MM:SS` (orders added since).
    ListOrders {
        /// The lower bound.
        date_added: Timestamp,
    },
}

impl Request {
    /// The route this request is for.
    pub const fn route(&self) -> Route {
        match self {
            Request::GetOrderByTelephone { .. } => Route::GetOrderByTelephoneNumber,
            Request::UpdateOrderStatus { .. } => Route::UpdateOrderStatus,
            Request::ListOrders { .. } => Route::ListOrders,
        }
    }
}

crate::fields! {
    /// The query parameters of the three routes.
    pub enum Param {
        /// `route`, with or without `api/verimor/`.
        Route = "route" required,
        /// `get_order_by_telephone_number`: the caller.
        Telephone = "telephone",
        /// `update_order_status`: the order.
        OrderId = "order_id",
        /// `update_order_status`: the new status.
        Status = "status",
        /// `list_orders`: the lower bound.
        DateAdded = "date_added",
    }
}

/// Validates a route's query parameters, reporting every problem; `None`
/// when an error was reported. The route may be given with or without the
/// `api/verimor/` prefix.
pub fn parse_request<S: Sink>(query: &[u8], sink: &mut S) -> Option<Request> {
    let form = Form::query(query);
    let body = form.as_bytes();
    let mut tee = Counting::new(sink);
    let fields = Fields::scan(form, &Param::NAMES, &mut tee);
    let mut buf = [0u8; 256];
    if fields.at(Param::Route.index()).is_none() {
        report_missing(body, Param::Route.name(), &mut tee);
        return None;
    }
    let route = fields.read_present(Param::Route.index(), &mut buf, &mut tee, |r| {
        let name = r.strip_prefix(ROUTE_PREFIX).unwrap_or(r);
        Route::parse(name).map_err(|e| Error {
            span: Span::new(0, r.len()),
            ..e
        })
    })?;
    let need = |param: Param, tee: &mut Counting<'_, S>| {
        let p = fields.at(param.index());
        if p.is_none() {
            report_missing(body, param.name(), tee);
        }
        p.map(|_| param.index())
    };
    let request = match route {
        Route::GetOrderByTelephoneNumber => {
            let p = need(Param::Telephone, &mut tee)?;
            let telephone = fields.read_present(p, &mut buf, &mut tee, Phone::parse)?;
            Some(Request::GetOrderByTelephone { telephone })
        }
        Route::UpdateOrderStatus => {
            let id = need(Param::OrderId, &mut tee);
            let st = need(Param::Status, &mut tee);
            let order_id = id.and_then(|p| fields.read_present(p, &mut buf, &mut tee, Id::parse));
            let status = st.and_then(|p| {
                let id = fields.read_present(p, &mut buf, &mut tee, Id::parse)?;
                let span = fields.at(p).map(|p| p.value.span()).unwrap_or_default();
                // OpenCart's status ids are 32-bit: a larger one is no status
                // (an error, not the unknown-status warning).
                let Ok(n) = u32::try_from(id.get()) else {
                    report(
                        body,
                        Error::new(Code::OpencartOrderStatusId, span),
                        Param::Status.name(),
                        &mut tee,
                    );
                    return None;
                };
                match OrderStatus::from_id(n) {
                    Some(s) => Some(Status::Known(s)),
                    None => {
                        report(
                            body,
                            Error::new(Code::OpencartUnknownStatus, span),
                            Param::Status.name(),
                            &mut tee,
                        );
                        Some(Status::Custom(n))
                    }
                }
            });
            Some(Request::UpdateOrderStatus {
                order_id: order_id?,
                status: status?,
            })
        }
        Route::ListOrders => {
            let p = need(Param::DateAdded, &mut tee)?;
            let date_added = fields.read_present(p, &mut buf, &mut tee, |s| {
                let t = Timestamp::parse(s)?;
                if t.zone == Zone::Unspecified {
                    Ok(t)
                } else {
                    Err(Error::new(
                        Code::OpencartDateAddedZone,
                        Span::new(19.min(s.len()), s.len()),
                    ))
                }
            })?;
            Some(Request::ListOrders { date_added })
        }
    };
    if tee.errors > 0 {
        None
    } else {
        request
    }
}

// ------------------------------------------------------------ replies

/// What the interesting fields of an order say.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Order<'a> {
    /// `order_id`.
    pub order_id: Option<u64>,
    /// `telephone`.
    pub telephone: Option<JsonStr<'a>>,
    /// `payment_method`.
    pub payment_method: Option<JsonStr<'a>>,
    /// `order_status_id`.
    pub order_status_id: Option<u64>,
}

/// One order of a `list_orders` reply, as the PBX reads it.
#[derive(Clone, Copy, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Listed<'a> {
    /// Its place in the list (0-based; the path is `[0][index]`).
    pub index: u32,
    /// Its fields.
    pub order: Order<'a>,
    /// `telephone`, read leniently (customers type every form).
    pub telephone: Option<Phone>,
    /// `date_added` (the vendor's list sends it), in the shop's local time.
    pub date_added: Option<Timestamp>,
    /// True when the PBX calls it: it has an order id and a phone, and
    /// what it says of its payment and status (when it says anything)
    /// is cash on delivery awaiting approval.
    pub call: bool,
}

/// A reply of the shop to the PBX.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Reply<'a> {
    /// `{"order":{…},"status":"success"}`.
    Order(Order<'a>),
    /// `{"status":"not found"}`.
    NotFound,
    /// `{"order":null}` (after `update_order_status`).
    Updated,
    /// `{"error":…}` or `{"error":{"warning":…}}` (`{"error":{"key":…}}`
    /// after a login), with the message if it is a string.
    Error(Option<JsonStr<'a>>),
    /// `[[{order},…]]`.
    Orders {
        /// Orders listed.
        listed: u64,
        /// Of them, those the PBX calls ([`Listed::call`]).
        to_call: u64,
    },
    /// `[false]`: no orders.
    NoOrders,
    /// `{"success":…,"api_token":…}` (OpenCart 3; `token` in 2.x): the
    /// login worked.
    LoggedIn(JsonStr<'a>),
}

impl Reply<'_> {
    /// The shape's name (`order`, `not_found`, `updated`, `error`,
    /// `orders`, `no_orders`, `logged_in`).
    pub const fn shape(&self) -> &'static str {
        match self {
            Reply::Order(_) => "order",
            Reply::NotFound => "not_found",
            Reply::Updated => "updated",
            Reply::Error(_) => "error",
            Reply::Orders { .. } => "orders",
            Reply::NoOrders => "no_orders",
            Reply::LoggedIn(_) => "logged_in",
        }
    }

    /// True when this is a shape the plugin answers `call` with: an error
    /// always; a login's token; a lookup's order or not found; an
    /// update's `{"order":null}`; a list's orders or `[false]`.
    pub const fn answers(&self, call: Exchange) -> bool {
        matches!(
            (call, self),
            (_, Reply::Error(_))
                | (Exchange::Login, Reply::LoggedIn(_))
                | (
                    Exchange::Route(Route::GetOrderByTelephoneNumber),
                    Reply::Order(_) | Reply::NotFound
                )
                | (Exchange::Route(Route::UpdateOrderStatus), Reply::Updated)
                | (
                    Exchange::Route(Route::ListOrders),
                    Reply::Orders { .. } | Reply::NoOrders
                )
        )
    }
}

/// Parses a reply of the shop, reporting a shape it does not know and,
/// in a list, every order the PBX could not call (no `order_id`: an
/// error; a telephone that is no number it can call: the customer's data,
/// a warning) or should not (not cash on delivery awaiting approval: a
/// warning), each at its path (`[0][1].telephone`).
///
/// ```
/// use santral::diag::Collector;
/// use santral::opencart::{parse_reply, Reply};
///
/// let mut sink: Collector<4> = Collector::new();
/// let body = br#"[[{"order_id":"7","telephone":"0532 123 45 67"},{"order_id":"8","telephone":"yok"}]]"#;
/// assert_eq!(parse_reply(body, &mut sink), Some(Reply::Orders { listed: 2, to_call: 1 }));
/// let d = &sink.diagnostics()[0];
/// assert_eq!((d.code.id(), d.path.to_string().as_str()), ("opencart.order_phone", "[0][1].telephone"));
/// ```
pub fn parse_reply<'a, S: Sink>(body: &'a [u8], sink: &mut S) -> Option<Reply<'a>> {
    read_reply(body, sink, |_| {})
}

/// [`parse_reply`], giving each listed order to `on_order` as it is read
/// (a list is never held whole).
pub fn read_reply<'a, S: Sink>(
    body: &'a [u8],
    sink: &mut S,
    mut on_order: impl FnMut(&Listed<'a>),
) -> Option<Reply<'a>> {
    let mut tee = Counting::new(sink);
    let reply = {
        let mut w = Walker::new(body, &mut tee);
        let r = walk_reply(&mut w, &mut on_order);
        w.finish();
        r
    };
    if tee.errors > 0 {
        None
    } else {
        reply
    }
}

/// [`parse_reply`] for the reply to `call`: a reply of another exchange's
/// shape is reported ([`Code::OpencartReplyForRoute`], over the whole
/// body).
pub fn read_reply_to<'a, S: Sink>(
    call: Exchange,
    body: &'a [u8],
    sink: &mut S,
    on_order: impl FnMut(&Listed<'a>),
) -> Option<Reply<'a>> {
    // OpenCart's `api/login` answers a key it does not know with `[]`.
    if call == Exchange::Login && body.trim_ascii() == b"[]" {
        let _ = sink.report(crate::diag::Diagnostic::new(
            Code::OpencartKeyRefused,
            Span::new(0, body.len()),
        ));
        return Some(Reply::Error(None));
    }
    let reply = read_reply(body, sink, on_order)?;
    // An abandoned checkout (status 0) is no order to talk about.
    if let (Exchange::Route(Route::GetOrderByTelephoneNumber), Reply::Order(o)) = (call, reply) {
        if o.order_status_id == Some(0) {
            let _ = sink.report(crate::diag::Diagnostic::new(
                Code::OpencartAbandonedCheckout,
                Span::new(0, body.len()),
            ));
            return Some(Reply::NotFound);
        }
    }
    if reply.answers(call) {
        Some(reply)
    } else {
        let _ = sink.report(crate::diag::Diagnostic::new(
            Code::OpencartReplyForRoute,
            Span::new(0, body.len()),
        ));
        None
    }
}

fn walk_reply<'a, S: Sink>(
    w: &mut Walker<'a, '_, S>,
    on_order: &mut impl FnMut(&Listed<'a>),
) -> Option<Reply<'a>> {
    let first = w.next_token()?;
    match first.event {
        Event::BeginArray => {
            let inner = w.next_token()?;
            let reply = match inner.event {
                Event::Bool(false) => Reply::NoOrders,
                Event::BeginArray => {
                    let (mut listed, mut to_call) = (0u64, 0u64);
                    w.path.push_index(0);
                    loop {
                        let t = w.next_token()?;
                        let index = u32::try_from(listed).unwrap_or(u32::MAX);
                        listed += 1;
                        w.path.push_index(index);
                        match t.event {
                            Event::EndArray => {
                                w.path.pop();
                                listed -= 1;
                                break;
                            }
                            Event::BeginObject => {
                                let l = read_listed(w, index)?;
                                to_call += u64::from(l.call);
                                on_order(&l);
                            }
                            _ => {
                                w.report(Code::OpencartReply, &t);
                                w.skip(&t);
                            }
                        }
                        w.path.pop();
                    }
                    w.path.pop();
                    Reply::Orders { listed, to_call }
                }
                _ => {
                    w.report(Code::OpencartReply, &inner);
                    return None;
                }
            };
            let close = w.next_token()?;
            if close.event != Event::EndArray {
                w.report(Code::OpencartReply, &close);
                return None;
            }
            Some(reply)
        }
        Event::BeginObject => {
            let mut end = None;
            let mut status = None;
            let mut order = None;
            let mut order_null = false;
            let mut error = None;
            let mut token = None;
            while let Some((key, _)) = w.next_key(&mut end) {
                if key.eq_str("status") {
                    status = w.string().map(|(s, _)| s);
                } else if key.eq_str("order") {
                    let v = w.next_token()?;
                    match v.event {
                        Event::Null => order_null = true,
                        Event::BeginObject => {
                            w.path.push_key("order");
                            order = read_order(w, false).map(|r| r.order);
                            w.path.pop();
                        }
                        _ => {
                            w.report_field(Code::OpencartReply, &v, "order");
                            w.skip(&v);
                        }
                    }
                } else if key.eq_str("api_token") || key.eq_str("token") {
                    token = w.string().map(|(s, _)| s);
                } else if key.eq_str("error") {
                    let v = w.next_token()?;
                    error = Some(match v.event {
                        Event::String(s) => Some(s),
                        Event::BeginObject => {
                            // `warning`, or a login's `key` / `ip`.
                            let mut message = None;
                            let mut e2 = None;
                            while let Some((_, _)) = w.next_key(&mut e2) {
                                match w.next_token() {
                                    Some(Token {
                                        event: Event::String(s),
                                        ..
                                    }) => message = message.or(Some(s)),
                                    Some(other) => w.skip(&other),
                                    None => return None,
                                }
                            }
                            message
                        }
                        _ => {
                            w.skip(&v);
                            None
                        }
                    });
                } else {
                    // Shops may add fields: ignored.
                    w.skip_value();
                }
            }
            let end = end?;
            if let Some(message) = error {
                return Some(Reply::Error(message));
            }
            if let Some(t) = token.filter(|t| !t.raw().is_empty()) {
                return Some(Reply::LoggedIn(t));
            }
            if let Some(o) = order {
                return Some(Reply::Order(o));
            }
            if order_null {
                return Some(Reply::Updated);
            }
            if status.is_some_and(|s| s.eq_str("not found")) {
                return Some(Reply::NotFound);
            }
            w.report(Code::OpencartReply, &end);
            None
        }
        _ => {
            w.report(Code::OpencartReply, &first);
            w.skip(&first);
            None
        }
    }
}

const ORDER_KEYS: [&str; 4] = ["order_id", "telephone", "payment_method", "order_status_id"];

/// A listed order: its fields, then what the PBX can do with it.
fn read_listed<'a, S: Sink>(w: &mut Walker<'a, '_, S>, index: u32) -> Option<Listed<'a>> {
    let r = read_order(w, true)?;
    Some(Listed {
        index,
        order: r.order,
        telephone: r.phone,
        date_added: r.date_added,
        call: r.sound && r.pending && r.order.order_id.is_some() && r.phone.is_some(),
    })
}

impl Listed<'_> {
    /// True when the order was added later than `now` (Unix seconds) in
    /// Turkish time: the shop's clock or time zone is not Turkey's, and
    /// the PBX warns [`Code::OpencartShopClock`].
    ///
    /// ```
    /// use santral::diag::Collector;
    /// use santral::opencart::{read_reply, Listed};
    /// let body = br#"[[{"order_id":"7","telephone":"05321234567","date_added":"2026-12-07 10:00:00"}]]"#;
    /// let mut seen: Vec<bool> = Vec::new();
    /// let mut sink: Collector<4> = Collector::new();
    /// // 2026-12-07 09:00:00 in Turkey is 06:00:00 UTC.
    /// read_reply(body, &mut sink, |l: &Listed| seen.push(l.added_after(1_796_623_200)));
    /// assert_eq!(seen, [true]);
    /// ```
    pub fn added_after(&self, now: i64) -> bool {
        let (Some(added), Some(now)) = (self.date_added, Timestamp::from_unix(now, TURKEY)) else {
            return false;
        };
        (added.date, added.time, added.second) > (now.date, now.time, now.second)
    }

    /// The [`Code::OpencartShopClock`] warning, at `[0][index].date_added`,
    /// when the order was [added after](Self::added_after) `now`.
    pub fn clock_warning(&self, now: i64) -> Option<crate::diag::Diagnostic> {
        if !self.added_after(now) {
            return None;
        }
        let mut path = crate::diag::Path::root();
        path.push_index(0);
        path.push_index(self.index);
        path.push_key("date_added");
        Some(crate::diag::Diagnostic::new(Code::OpencartShopClock, Span::new(0, 0)).with_path(path))
    }
}

/// What [`read_order`] found.
struct OrderRead<'a> {
    order: Order<'a>,
    /// The telephone, read (listed orders only).
    phone: Option<Phone>,
    /// No field was unreadable.
    sound: bool,
    /// Nothing said the order is not pending cash on delivery (each thing
    /// that did was reported).
    pending: bool,
    /// `date_added`, when it is a time.
    date_added: Option<Timestamp>,
}

/// The fields of an order object (its `{` read); `listed`: an order of a
/// list, which the PBX must be able to call (a phone) and which should
/// be pending cash on delivery.
fn read_order<'a, S: Sink>(w: &mut Walker<'a, '_, S>, listed: bool) -> Option<OrderRead<'a>> {
    let mut sound = true;
    let mut pending = true;
    let mut order = Order::default();
    let mut phone = None;
    let mut date_added = None;
    let mut end = None;
    let mut seen = [false; 4];
    while let Some((key, _)) = w.next_key(&mut end) {
        let v = w.next_token()?;
        if key.eq_str("date_added") {
            if let Event::String(s) = v.event {
                let mut buf = [0u8; 32];
                date_added = crate::json::text(s, &mut buf).and_then(|t| Timestamp::parse(t).ok());
            }
            w.skip(&v);
            continue;
        }
        let Some(i) = key_index(key, &ORDER_KEYS) else {
            w.skip(&v);
            continue;
        };
        let Some(&name) = ORDER_KEYS.get(i) else {
            w.skip(&v);
            continue;
        };
        if let Some(s) = seen.get_mut(i) {
            *s = true;
        }
        // OpenCart's database driver gives every column as a string.
        let number = match v.event {
            Event::Number(n) => n.as_u64(),
            Event::String(s) => s.as_str().and_then(|x| x.parse().ok()),
            _ => None,
        };
        match i {
            0 => {
                order.order_id = number.filter(|&n| n > 0);
                if order.order_id.is_none() {
                    w.report_field(Code::OpencartOrderId, &v, name);
                }
            }
            3 => {
                order.order_status_id = number;
                if number.is_none() {
                    sound = false;
                    w.report_field(Code::OpencartOrderStatusId, &v, name);
                } else if listed && number != Some(1) {
                    pending = false;
                    w.report_field(Code::OpencartNotPending, &v, name);
                }
            }
            _ => match v.event {
                Event::String(s) if i == 1 => {
                    order.telephone = Some(s);
                    if listed {
                        let mut buf = [0u8; 64];
                        let read = match crate::json::text(s, &mut buf) {
                            Some(t) => Phone::parse_lenient(t),
                            None => Err(Error::new(Code::PhoneTooLong, Span::new(0, 0))),
                        };
                        // A number the PBX cannot call is the customer's
                        // data, not the shop's fault: a warning, and the
                        // order is not called.
                        match read {
                            Ok(p) => phone = Some(p),
                            Err(_) => w.report_field(Code::OpencartOrderPhone, &v, name),
                        }
                    }
                }
                Event::String(s) => {
                    order.payment_method = Some(s);
                    let mut buf = [0u8; 64];
                    if listed && !crate::json::text(s, &mut buf).is_some_and(is_cash_on_delivery) {
                        pending = false;
                        w.report_field(Code::OpencartNotPending, &v, name);
                    }
                }
                Event::Null => {}
                _ => {
                    sound = false;
                    w.report_field(Code::JsonExpectedString, &v, name)
                }
            },
        }
        w.skip(&v);
    }
    let end = end?;
    let [id_seen, telephone_seen, ..] = seen;
    if !id_seen {
        w.missing("order_id", &end);
    }
    if listed && !telephone_seen {
        w.missing("telephone", &end);
    }
    Some(OrderRead {
        order,
        phone,
        sound,
        pending,
        date_added,
    })
}

// ------------------------------------------------------------ the PBX's requests

/// The OpenCart API user the vendor's setup creates.
pub const API_USERNAME: &str = "bulutsantralim";

crate::wire_enum! {
    /// The OpenCart generations the vendor ships the plugin for; they
    /// differ in the login token's parameter.
    pub enum Version {
        /// OpenCart 2.3.x: `token`.
        V2 = "2",
        /// OpenCart 3.0.x: `api_token`.
        V3 = "3",
    }
}

impl Version {
    /// The query parameter that carries the login token.
    pub const fn token_param(self) -> &'static str {
        match self {
            Version::V2 => "token",
            Version::V3 => "api_token",
        }
    }
}

/// What the PBX asks the shop: a login, or a route after it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Exchange {
    /// `route=api/login`.
    Login,
    /// `route=api/verimor/…`.
    Route(Route),
}

/// One request of the PBX to a shop, built whole by the core (sans-IO):
/// the caller sends [`method`](Self::method) [`url`](Self::url) with
/// [`body`](Self::body) and reads the reply with [`read_reply_to`].
///
/// ```
/// use santral::opencart::{Call, Request, Version};
/// use santral::time::Timestamp;
///
/// let login = Call::Login { key: "s3cr&t" };
/// assert_eq!(login.url("https://shop.example/", Version::V3).to_string(),
///            "https://shop.example/index.php?route=api/login");
/// assert_eq!(login.body().to_string(), "username=bulutsantralim&key=s3cr%26t");
///
/// let since = Timestamp::parse("2026-12-01 00:00:00").unwrap();
/// let list = Call::Route { token: "T1", request: Request::ListOrders { date_added: since } };
/// assert_eq!(list.url("https://shop.example", Version::V3).to_string(),
///            "https://shop.example/index.php?route=api/verimor/list_orders&date_added=2026-12-01%2000:00:00&api_token=T1");
/// ```
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Call<'a> {
    /// Log in with the shop's API key (the panel's "Servis Anahtarı").
    Login {
        /// The key.
        key: &'a str,
    },
    /// A route, with the login's token.
    Route {
        /// The token the login gave.
        token: &'a str,
        /// The route and its parameters.
        request: Request,
    },
    /// The one harmless probe of `santral simulate --shop-audit`: a lookup
    /// whose `telephone` is a single quote ([`AUDIT_TELEPHONE`]). It reads
    /// and changes nothing; [`audit_verdict`] reads the answer.
    AuditProbe {
        /// The token the login gave.
        token: &'a str,
    },
}

/// The audit probe's `telephone`: one single quote, which no phone number
/// holds. A plugin that binds or checks its values answers it like any
/// unknown number or refuses it; one that pastes it into SQL fails.
pub const AUDIT_TELEPHONE: &str = "'";

/// What a plugin's answer to the audit probe says.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AuditVerdict {
    /// HTTP 5xx or an SQL error in the body: the plugin builds SQL from the
    /// request's text (the vendor's plugin does).
    Injectable,
    /// Answered like any unknown number, or refused: nothing points at SQL
    /// built from the request.
    Safe,
}

/// Reads the answer to [`Call::AuditProbe`].
///
/// ```
/// use santral::opencart::{audit_verdict, AuditVerdict};
/// assert_eq!(audit_verdict(500, b""), AuditVerdict::Injectable);
/// assert_eq!(audit_verdict(200, b"Error: You have an error in your SQL syntax"), AuditVerdict::Injectable);
/// assert_eq!(audit_verdict(200, br#"{"status":"not found"}"#), AuditVerdict::Safe);
/// ```
pub fn audit_verdict(status: u16, body: &[u8]) -> AuditVerdict {
    const MARKS: [&[u8]; 6] = [
        b"sql syntax",
        b"sqlstate",
        b"mysqli",
        b"pdoexception",
        b"query error",
        b"error no:",
    ];
    let has = |mark: &[u8]| {
        body.windows(mark.len())
            .any(|w| w.eq_ignore_ascii_case(mark))
    };
    if status >= 500 || MARKS.iter().any(|m| has(m)) {
        AuditVerdict::Injectable
    } else {
        AuditVerdict::Safe
    }
}

impl<'a> Call<'a> {
    /// Which exchange this is (to read its reply).
    pub const fn exchange(&self) -> Exchange {
        match self {
            Call::Login { .. } => Exchange::Login,
            Call::Route { request, .. } => Exchange::Route(request.route()),
            Call::AuditProbe { .. } => Exchange::Route(Route::GetOrderByTelephoneNumber),
        }
    }

    /// `POST` for the login, `GET` for the routes.
    pub const fn method(&self) -> crate::net::Method {
        match self {
            Call::Login { .. } => crate::net::Method::Post,
            Call::Route { .. } | Call::AuditProbe { .. } => crate::net::Method::Get,
        }
    }

    /// The URL under the shop's service URL (the panel's "Servis URL").
    pub fn url<'s>(&'s self, service_url: &'s str, version: Version) -> impl fmt::Display + 's {
        CallUrl {
            call: self,
            base: service_url.trim_end_matches('/'),
            version,
            redact: false,
        }
    }

    /// [`url`](Self::url) for a log line: the token written `…`.
    pub fn redacted_url<'s>(
        &'s self,
        service_url: &'s str,
        version: Version,
    ) -> impl fmt::Display + 's {
        CallUrl {
            call: self,
            base: service_url.trim_end_matches('/'),
            version,
            redact: true,
        }
    }

    /// `Content-Type` of the body, `None` when there is none.
    pub const fn content_type(&self) -> Option<&'static str> {
        match self {
            Call::Login { .. } => Some("application/x-www-form-urlencoded"),
            Call::Route { .. } | Call::AuditProbe { .. } => None,
        }
    }

    /// The body: the login's form (`username=bulutsantralim&key=…`), empty
    /// for the routes.
    pub fn body(&self) -> impl fmt::Display + 'a {
        LoginBody(match self {
            Call::Login { key } => Some(key),
            Call::Route { .. } | Call::AuditProbe { .. } => None,
        })
    }
}

struct LoginBody<'a>(Option<&'a str>);

impl fmt::Display for LoginBody<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Some(key) => write!(f, "username={API_USERNAME}&key={}", Encode(key)),
            None => Ok(()),
        }
    }
}

struct CallUrl<'s, 'a> {
    call: &'s Call<'a>,
    base: &'s str,
    version: Version,
    redact: bool,
}

impl fmt::Display for CallUrl<'_, '_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/index.php?route=", self.base)?;
        let (token, request) = match self.call {
            Call::Login { .. } => return f.write_str("api/login"),
            Call::Route { token, request } => (token, request),
            Call::AuditProbe { token } => {
                write!(
                    f,
                    "{ROUTE_PREFIX}{}&{}={}",
                    Route::GetOrderByTelephoneNumber.as_str(),
                    Param::Telephone.name(),
                    Encode(AUDIT_TELEPHONE)
                )?;
                return write_token(f, self.version, token, self.redact);
            }
        };
        write!(f, "{ROUTE_PREFIX}{}", request.route().as_str())?;
        match request {
            Request::GetOrderByTelephone { telephone } => {
                // The shortest form: the plugin matches `LIKE '%…'`.
                write!(f, "&{}={}", Param::Telephone.name(), telephone.match_key())?
            }
            Request::UpdateOrderStatus { order_id, status } => {
                let id = match status {
                    Status::Known(s) => s.id(),
                    Status::Custom(id) => *id,
                };
                write!(
                    f,
                    "&{}={order_id}&{}={id}",
                    Param::OrderId.name(),
                    Param::Status.name()
                )?
            }
            Request::ListOrders { date_added } => {
                let mut buf = [0u8; 40];
                let text = crate::write::write_into(&mut buf, date_added).unwrap_or("");
                write!(f, "&{}={}", Param::DateAdded.name(), Encode(text))?
            }
        }
        write_token(f, self.version, token, self.redact)
    }
}

/// `&api_token=…` (or `&token=…`), the token masked for a log line.
fn write_token(
    f: &mut fmt::Formatter<'_>,
    version: Version,
    token: &str,
    redact: bool,
) -> fmt::Result {
    let param = version.token_param();
    if redact {
        write!(f, "&{param}=…")
    } else {
        write!(f, "&{param}={}", Encode(token))
    }
}

// ------------------------------------------------------------ the confirmation call

crate::wire_enum! {
    /// How a confirmation call ended.
    pub enum CallOutcome {
        /// The customer confirmed the order.
        Confirmed = "confirmed",
        /// The customer cancelled it.
        Cancelled = "cancelled",
        /// Nobody answered (or the line was busy).
        NoAnswer = "no_answer",
        /// The customer pressed keys the announcement does not offer, and
        /// hung up without choosing.
        InvalidKey = "invalid_key",
    }
}

/// How many times the PBX calls an order's customer before giving up.
pub const DEFAULT_ATTEMPTS: u32 = 3;

/// What the PBX does after a confirmation call.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Next {
    /// Move the order to this status (`update_order_status`).
    SetStatus(OrderStatus),
    /// Call again later.
    CallAgain,
    /// Stop calling: the order stays as it is.
    GiveUp,
}

/// The step after call number `attempt` (1-based) of `attempts` ended with
/// `outcome`: a decision moves the order ([`status_after_call`]); no
/// decision is retried until the attempts are spent.
pub const fn next_step(outcome: CallOutcome, attempt: u32, attempts: u32) -> Next {
    match outcome {
        CallOutcome::Confirmed => Next::SetStatus(status_after_call(true)),
        CallOutcome::Cancelled => Next::SetStatus(status_after_call(false)),
        CallOutcome::NoAnswer | CallOutcome::InvalidKey if attempt < attempts => Next::CallAgain,
        CallOutcome::NoAnswer | CallOutcome::InvalidKey => Next::GiveUp,
    }
}

// ------------------------------------------------------------ allow-list

pub use crate::net::{is_allowed, Cidr, VENDOR_ADDRESSES};

#[cfg(test)]
mod tests;
