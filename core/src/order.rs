//! A shop order's life: one state machine, used by the worker for every change
//! and by the app to show what may happen next.
//!
//! created → paid → in_production → dispatched → delivered, with:
//! - cancelled: by the buyer while nobody has paid (a paid order is refunded instead);
//! - refunded: by the provider of a paid order it has not made yet, or after a return;
//! - returned: by the provider once a delivered order came back.
//!
//! Payment is never an actor's choice: only a verified payment service event
//! ([`Actor::PaymentService`]) moves an order to paid.

use std::fmt;

use serde::{Deserialize, Serialize};

/// The documented statuses, as the wire spells them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum OrderStatus {
    Created,
    Paid,
    InProduction,
    Dispatched,
    Delivered,
    Cancelled,
    Returned,
    Refunded,
}

/// Who asks for a change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Actor {
    Buyer,
    /// The provider that took the order (or takes it with this change).
    Provider,
    /// A payment service's event whose signature was verified.
    PaymentService,
}

impl OrderStatus {
    pub const ALL: [OrderStatus; 8] = [
        Self::Created,
        Self::Paid,
        Self::InProduction,
        Self::Dispatched,
        Self::Delivered,
        Self::Cancelled,
        Self::Returned,
        Self::Refunded,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Created => "created",
            Self::Paid => "paid",
            Self::InProduction => "in_production",
            Self::Dispatched => "dispatched",
            Self::Delivered => "delivered",
            Self::Cancelled => "cancelled",
            Self::Returned => "returned",
            Self::Refunded => "refunded",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.as_str() == text)
    }

    /// Whether `actor` may move an order from `self` to `to`.
    pub fn may_become(self, to: OrderStatus, actor: Actor) -> bool {
        use Actor::*;
        use OrderStatus::*;
        matches!(
            (self, to, actor),
            (Created, Paid, PaymentService)
                | (Created, Cancelled, Buyer)
                | (Paid, InProduction, Provider)
                | (Paid, Refunded, Provider)
                | (InProduction, Dispatched, Provider)
                | (Dispatched, Delivered, Provider)
                | (Delivered, Returned, Provider)
                | (Returned, Refunded, Provider)
        )
    }

    /// The statuses `actor` may move an order to from here.
    pub fn next(self, actor: Actor) -> Vec<OrderStatus> {
        Self::ALL.into_iter().filter(|to| self.may_become(*to, actor)).collect()
    }

    /// The documented boolean `status`: the order has been paid (whatever came after).
    pub fn is_paid(self) -> bool {
        !matches!(self, Self::Created | Self::Cancelled)
    }

    /// No change can follow.
    pub fn is_final(self) -> bool {
        [Actor::Buyer, Actor::Provider, Actor::PaymentService].iter().all(|a| self.next(*a).is_empty())
    }

    /// The addresses may change until a provider takes the order (shipping)
    /// and until it is paid (billing), as documented.
    pub fn shipping_may_change(self) -> bool {
        matches!(self, Self::Created | Self::Paid)
    }

    pub fn billing_may_change(self) -> bool {
        self == Self::Created
    }
}

impl fmt::Display for OrderStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Why a change is refused, in words for the 409.
pub fn refusal(from: OrderStatus, to: OrderStatus, actor: Actor) -> String {
    let who = match actor {
        Actor::Buyer => "the buyer",
        Actor::Provider => "the provider",
        Actor::PaymentService => "a payment",
    };
    let next = from.next(actor);
    if next.is_empty() {
        format!("the order is {from}: {who} cannot change it now")
    } else {
        let next: Vec<&str> = next.iter().map(|s| s.as_str()).collect();
        format!("the order is {from}: {who} cannot make it {to} (only {})", next.join(", "))
    }
}

/// What production makes of each ordered object: a chip that signs its taps
/// (encoded from the maker's personalization plan of the batch) and a printed code.
pub const PRODUCED_RECORDS: &str = "nfc:aes-128,qrcode:static";

/// The most of one item in one order, and the most lines.
pub const MAX_QUANTITY: u32 = 1000;
pub const MAX_LINES: usize = 20;

/// One line the buyer asks for: an item and how many. The price is never the client's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Wanted {
    pub id_item: i64,
    pub quantity: u32,
}

/// `items`: `{"id":"164","quantity":"5"}` as documented, or a list of them;
/// ids and quantities as numbers or text. The same item twice is one line.
pub fn parse_items(text: &str) -> Result<Vec<Wanted>, String> {
    let value: serde_json::Value = serde_json::from_str(text)
        .map_err(|_| "must be JSON: {\"id\":1,\"quantity\":2} or a list of them".to_string())?;
    let entries = match value {
        serde_json::Value::Array(list) => list,
        one @ serde_json::Value::Object(_) => vec![one],
        _ => return Err("must be an object or a list of objects".into()),
    };
    if entries.is_empty() {
        return Err("is empty: name at least one item".into());
    }
    let number = |v: &serde_json::Value| -> Option<i64> {
        match v {
            serde_json::Value::Number(n) => n.as_i64(),
            serde_json::Value::String(s) => s.trim().parse().ok(),
            _ => None,
        }
    };
    let mut lines: Vec<Wanted> = Vec::new();
    for (i, entry) in entries.iter().enumerate() {
        let id = entry.get("id").or_else(|| entry.get("id_item")).and_then(number).filter(|id| *id > 0);
        let id = id.ok_or_else(|| format!("entry {i} has no item id (\"id\")"))?;
        let quantity = entry.get("quantity").and_then(number).unwrap_or(1);
        let quantity = u32::try_from(quantity)
            .ok()
            .filter(|q| (1..=MAX_QUANTITY).contains(q))
            .ok_or_else(|| format!("entry {i}: quantity must be 1 to {MAX_QUANTITY}"))?;
        match lines.iter_mut().find(|l| l.id_item == id) {
            Some(line) => {
                line.quantity = (line.quantity + quantity).min(MAX_QUANTITY + 1);
                if line.quantity > MAX_QUANTITY {
                    return Err(format!("item {id}: at most {MAX_QUANTITY} in one order"));
                }
            }
            None => lines.push(Wanted { id_item: id, quantity }),
        }
    }
    if lines.len() > MAX_LINES {
        return Err(format!("at most {MAX_LINES} different items in one order"));
    }
    Ok(lines)
}

/// An item as the shop sells it: its price in minor units of its currency.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Priced {
    pub id_item: i64,
    pub name: String,
    pub id_currency: i64,
    pub price_minor: i64,
    pub is_onsale: bool,
    /// `None`: made to order, no stock kept.
    pub quantity_in_stock: Option<i64>,
}

/// One line of an order as stored: the unit price is the item's at order time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    pub id_item: i64,
    pub name: String,
    pub unit_minor: i64,
    pub quantity: u32,
}

/// An order's lines and total, computed from the items' prices only.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PricedOrder {
    pub id_currency: i64,
    pub lines: Vec<Line>,
    pub total_minor: i64,
}

/// Prices what the buyer wants. Every item must exist, be on sale, have the
/// stock asked for and share one currency (a payment is in one currency).
pub fn price(wanted: &[Wanted], items: &[Priced]) -> Result<PricedOrder, String> {
    let mut lines = Vec::new();
    let mut currency = None;
    let mut total: i64 = 0;
    for w in wanted {
        let item = items
            .iter()
            .find(|i| i.id_item == w.id_item && i.is_onsale)
            .ok_or_else(|| format!("item {} is not on sale", w.id_item))?;
        if item.quantity_in_stock.is_some_and(|stock| stock < i64::from(w.quantity)) {
            return Err(format!("item {} has {} in stock", w.id_item, item.quantity_in_stock.unwrap_or(0)));
        }
        if *currency.get_or_insert(item.id_currency) != item.id_currency {
            return Err("the items of one order must share a currency".into());
        }
        let amount = item.price_minor.checked_mul(i64::from(w.quantity)).ok_or("the total is too large")?;
        total = total.checked_add(amount).filter(|t| *t <= crate::money::MAX_MINOR).ok_or("the total is too large")?;
        lines.push(Line {
            id_item: item.id_item,
            name: item.name.clone(),
            unit_minor: item.price_minor,
            quantity: w.quantity,
        });
    }
    if total <= 0 {
        return Err("the order costs nothing: there is nothing to pay".into());
    }
    Ok(PricedOrder { id_currency: currency.unwrap_or(1), lines, total_minor: total })
}

#[cfg(test)]
mod tests {
    use super::*;
    use Actor::*;
    use OrderStatus::*;

    /// Every (from, to, actor) triple: exactly the documented ones are allowed.
    #[test]
    fn exactly_the_listed_transitions_are_allowed() {
        let allowed = [
            (Created, Paid, PaymentService),
            (Created, Cancelled, Buyer),
            (Paid, InProduction, Provider),
            (Paid, Refunded, Provider),
            (InProduction, Dispatched, Provider),
            (Dispatched, Delivered, Provider),
            (Delivered, Returned, Provider),
            (Returned, Refunded, Provider),
        ];
        let mut count = 0;
        for from in OrderStatus::ALL {
            for to in OrderStatus::ALL {
                for actor in [Buyer, Provider, PaymentService] {
                    let expected = allowed.contains(&(from, to, actor));
                    assert_eq!(from.may_become(to, actor), expected, "{from} → {to} by {actor:?}");
                    count += 1;
                }
            }
        }
        assert_eq!(count, 8 * 8 * 3);
    }

    #[test]
    fn only_a_payment_pays_and_final_states_end() {
        for actor in [Buyer, Provider] {
            assert!(!Created.may_become(Paid, actor));
        }
        assert!(Cancelled.is_final() && Refunded.is_final());
        assert!(!Delivered.is_final());
        assert!(!Created.is_paid() && !Cancelled.is_paid() && Paid.is_paid() && Refunded.is_paid());
        for s in OrderStatus::ALL {
            assert_eq!(OrderStatus::parse(s.as_str()), Some(s));
            assert_eq!(serde_json::to_value(s).unwrap(), s.as_str());
            assert!(!s.may_become(s, Provider), "no self-loop");
        }
        assert!(refusal(Created, Dispatched, Provider).contains("cannot change it now"));
        assert!(refusal(Paid, Delivered, Provider).contains("only in_production, refunded"));
    }

    #[test]
    fn items_parse_as_documented_and_merge() {
        let one = parse_items(r#"{"id":"164", "quantity":"5"}"#).unwrap();
        assert_eq!(one, vec![Wanted { id_item: 164, quantity: 5 }]);
        let many = parse_items(r#"[{"id":1,"quantity":2},{"id":3},{"id":1,"quantity":1}]"#).unwrap();
        assert_eq!(many, vec![Wanted { id_item: 1, quantity: 3 }, Wanted { id_item: 3, quantity: 1 }]);
        for bad in [
            "",
            "[]",
            "3",
            r#"{"quantity":2}"#,
            r#"{"id":1,"quantity":0}"#,
            r#"{"id":1,"quantity":1001}"#,
            r#"{"id":-1}"#,
        ] {
            assert!(parse_items(bad).is_err(), "{bad}");
        }
        assert!(parse_items(r#"[{"id":1,"quantity":600},{"id":1,"quantity":600}]"#).is_err());
    }

    fn item(id: i64, currency: i64, price: i64) -> Priced {
        Priced {
            id_item: id,
            name: format!("Item {id}"),
            id_currency: currency,
            price_minor: price,
            is_onsale: true,
            quantity_in_stock: None,
        }
    }

    #[test]
    fn totals_come_from_the_items_prices() {
        let items = [item(1, 1, 1290), item(2, 1, 500)];
        let priced = price(&[Wanted { id_item: 1, quantity: 3 }, Wanted { id_item: 2, quantity: 1 }], &items).unwrap();
        assert_eq!(priced.total_minor, 3 * 1290 + 500);
        assert_eq!(priced.lines[0].unit_minor, 1290);
        assert!(price(&[Wanted { id_item: 9, quantity: 1 }], &items).unwrap_err().contains("not on sale"));
        let mixed = [item(1, 1, 100), item(2, 2, 100)];
        let both = [Wanted { id_item: 1, quantity: 1 }, Wanted { id_item: 2, quantity: 1 }];
        assert!(price(&both, &mixed).unwrap_err().contains("currency"));
        let off = [Priced { is_onsale: false, ..item(1, 1, 100) }];
        assert!(price(&[Wanted { id_item: 1, quantity: 1 }], &off).is_err());
        let scarce = [Priced { quantity_in_stock: Some(2), ..item(1, 1, 100) }];
        assert!(price(&[Wanted { id_item: 1, quantity: 3 }], &scarce).unwrap_err().contains("in stock"));
        assert!(price(&[Wanted { id_item: 1, quantity: 1 }], &[item(1, 1, 0)]).is_err());
    }
}
