//! Who may see and end which token (`GET /v1/user/tokens`, `GET/DELETE
//! /v1/sessions/{id}`, `DELETE /v1/tokens/{id}`). A token's facts include its
//! last calls, so seeing another app's token (above all the dashboard's
//! session) is reading the user's logs.
//!
//! | caller                                  | token of                      | access |
//! |-----------------------------------------|-------------------------------|--------|
//! | the dashboard session (first party)     | the same user                 | manage |
//! | a third-party user token                | the same user and the same app| manage |
//! | a third-party user token with user_logs | the same user, another app    | see    |
//! | a third-party user token                | the same user, another app    | none   |
//! | an app's private key with api_management| its own app                   | manage |
//! | anyone                                  | another user / another app    | none   |

/// What kind of credential is asking.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Asker {
    /// The Senzu dashboard's session cookie.
    Session,
    /// A user token an app got through Senzu Auth; whether the user granted it `user_logs`.
    ThirdParty { user_logs: bool },
    /// An app's private key; whether the app holds `api_management`.
    App { api_management: bool },
}

/// What the asker may do with a token. Ordered: `Manage` includes `See`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum TokenAccess {
    /// Not even confirm that the token exists.
    None,
    /// List it and read its facts and last calls.
    See,
    /// Also revoke it.
    Manage,
}

/// The rule of the table above. `same_user`: the token is the asker's user's
/// (always false for an app's key, which has no user); `same_app`: it was
/// issued to the asker's app.
#[must_use]
pub fn access(asker: Asker, same_user: bool, same_app: bool) -> TokenAccess {
    match asker {
        Asker::Session if same_user => TokenAccess::Manage,
        Asker::ThirdParty { .. } if same_user && same_app => TokenAccess::Manage,
        Asker::ThirdParty { user_logs: true } if same_user => TokenAccess::See,
        Asker::App { api_management: true } if same_app => TokenAccess::Manage,
        _ => TokenAccess::None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_asker_and_token_once() {
        use TokenAccess::{Manage, None, See};
        let askers = [
            Asker::Session,
            Asker::ThirdParty { user_logs: false },
            Asker::ThirdParty { user_logs: true },
            Asker::App { api_management: false },
            Asker::App { api_management: true },
        ];
        // Rows: askers in order; columns: (same_user, same_app) = ff, ft, tf, tt.
        let expected = [
            [None, None, Manage, Manage],
            [None, None, None, Manage],
            [None, None, See, Manage],
            [None, None, None, None],
            [None, Manage, None, Manage],
        ];
        for (asker, row) in askers.into_iter().zip(expected) {
            for (i, want) in row.into_iter().enumerate() {
                let (same_user, same_app) = (i & 2 != 0, i & 1 != 0);
                assert_eq!(
                    access(asker, same_user, same_app),
                    want,
                    "{asker:?} same_user={same_user} same_app={same_app}"
                );
            }
        }
    }

    #[test]
    fn a_basic_token_never_reaches_the_dashboard_session() {
        // The attack of issue 11 §5: the dashboard session is another app's token.
        assert_eq!(access(Asker::ThirdParty { user_logs: false }, true, false), TokenAccess::None);
        assert!(access(Asker::ThirdParty { user_logs: true }, true, false) < TokenAccess::Manage);
    }
}
