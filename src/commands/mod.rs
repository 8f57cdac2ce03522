//! Stage 5, the commands: [`site`] ties the stages together into a loaded site that can be
//! built and rebuilt; [`build`] (`build`, `check`), [`serve`] and [`scaffold`] (`init`,
//! `new`) are what the command line calls.

pub(crate) mod build;
pub(crate) mod derived_worker;
pub mod import;
pub(crate) mod options;
pub(crate) mod rebuild;
pub(crate) mod scaffold;
pub(crate) mod scaffold_formal;
pub(crate) mod serve;
pub(crate) mod site;
