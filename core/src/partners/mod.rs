//! Partner APIs behind some plugins. The owner's credentials stay in the
//! worker (sealed); these modules only know the partners' formats.

pub mod eduzz;
pub mod sengerio;
