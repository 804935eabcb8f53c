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

use crate::diag::{Code, Counting, Error, Sink, Span};
use crate::form::{report, report_missing, Fields, Form};
use crate::json::{key_index, Event, JsonStr, Token, Walker};
use crate::lexical::Id;
use crate::phone::Phone;
use crate::time::{Timestamp, Zone};

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
                let known = u32::try_from(id.get()).ok().and_then(OrderStatus::from_id);
                match known {
                    Some(s) => Some(Status::Known(s)),
                    None => {
                        let span = fields.at(p).map(|p| p.value.span()).unwrap_or_default();
                        report(
                            body,
                            Error::new(Code::OpencartUnknownStatus, span),
                            Param::Status.name(),
                            &mut tee,
                        );
                        u32::try_from(id.get()).ok().map(Status::Custom)
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

/// A reply of the vendor's plugin.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Reply<'a> {
    /// `{"order":{…},"status":"success"}`.
    Order(Order<'a>),
    /// `{"status":"not found"}`.
    NotFound,
    /// `{"order":null}` (after `update_order_status`).
    Updated,
    /// `{"error":…}` or `{"error":{"warning":…}}`, with the message if it is a string.
    Error(Option<JsonStr<'a>>),
    /// `[[{order},…]]`: the number of orders listed.
    Orders(u64),
    /// `[false]`: no orders.
    NoOrders,
}

/// Parses a reply, reporting a shape it does not know.
pub fn parse_reply<'a, S: Sink>(body: &'a [u8], sink: &mut S) -> Option<Reply<'a>> {
    let mut tee = Counting::new(sink);
    let reply = {
        let mut w = Walker::new(body, &mut tee);
        let r = read_reply(&mut w);
        w.finish();
        r
    };
    if tee.errors > 0 {
        None
    } else {
        reply
    }
}

fn read_reply<'a, S: Sink>(w: &mut Walker<'a, '_, S>) -> Option<Reply<'a>> {
    let first = w.next_token()?;
    match first.event {
        Event::BeginArray => {
            let inner = w.next_token()?;
            let reply = match inner.event {
                Event::Bool(false) => Reply::NoOrders,
                Event::BeginArray => {
                    let mut count = 0u64;
                    loop {
                        let t = w.next_token()?;
                        match t.event {
                            Event::EndArray => break,
                            Event::BeginObject => {
                                count += 1;
                                w.skip(&t);
                            }
                            _ => {
                                w.report(Code::OpencartReply, &t);
                                w.skip(&t);
                            }
                        }
                    }
                    Reply::Orders(count)
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
            while let Some((key, _)) = w.next_key(&mut end) {
                if key.eq_str("status") {
                    status = w.string().map(|(s, _)| s);
                } else if key.eq_str("order") {
                    let v = w.next_token()?;
                    match v.event {
                        Event::Null => order_null = true,
                        Event::BeginObject => order = Some(read_order(w)?),
                        _ => {
                            w.report(Code::OpencartReply, &v);
                            w.skip(&v);
                        }
                    }
                } else if key.eq_str("error") {
                    let v = w.next_token()?;
                    error = Some(match v.event {
                        Event::String(s) => Some(s),
                        Event::BeginObject => {
                            let mut message = None;
                            let mut e2 = None;
                            while let Some((k, _)) = w.next_key(&mut e2) {
                                match w.next_token() {
                                    Some(Token {
                                        event: Event::String(s),
                                        ..
                                    }) if k.eq_str("warning") => message = Some(s),
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

fn read_order<'a, S: Sink>(w: &mut Walker<'a, '_, S>) -> Option<Order<'a>> {
    let mut order = Order::default();
    let mut end = None;
    while let Some((key, _)) = w.next_key(&mut end) {
        let v = w.next_token()?;
        let number = |e: &Event<'_>| match e {
            Event::Number(n) => n.as_u64(),
            Event::String(s) => s.as_str().and_then(|x| x.parse().ok()),
            _ => None,
        };
        match key_index(key, &ORDER_KEYS) {
            Some(0) => order.order_id = number(&v.event),
            Some(3) => order.order_status_id = number(&v.event),
            Some(i) => {
                if let Event::String(s) = v.event {
                    if i == 1 {
                        order.telephone = Some(s);
                    } else {
                        order.payment_method = Some(s);
                    }
                }
            }
            None => {}
        }
        w.skip(&v);
    }
    end.map(|_| order)
}

// ------------------------------------------------------------ allow-list

pub use crate::net::{is_allowed, Cidr, VENDOR_ADDRESSES};

#[cfg(test)]
mod tests;
