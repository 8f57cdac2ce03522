//! Stage 5, the commands: [`site`] ties the stages together into a loaded site that can be
//! built and rebuilt; [`build`] (`build`, `check`), [`serve`] and [`scaffold`] (`init`,
//! `new`) are what the command line calls.

pub mod build;
pub mod import;
pub mod options;
pub mod scaffold;
pub mod serve;
pub mod site;
