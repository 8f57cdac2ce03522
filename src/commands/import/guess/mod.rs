//! Guessing the meeting from the cleaned blocks: the title line, the date and time, the
//! place, the body and organiser, the participants, and the agenda items (numbered, or
//! recognised by their presenters or by their place in the text). Every guess keeps the
//! text it came from, for the report.
//!
//! [`header`] reads the title and the labelled lines, [`items`] the agenda, [`people`] the
//! organiser and participants; [`model`] holds what they share. This module puts them
//! together, in the order the report lists the fields.

mod formal;
mod header;
mod items;
mod model;
mod people;

pub(crate) use model::{Attendee, Context, FormalHeader, Guess};

use crate::commands::import::document::Block;

/// The meeting in `blocks`.
pub(crate) fn guess(blocks: Vec<Block>, ctx: &Context<'_>) -> Guess {
    let language = ctx
        .language
        .unwrap_or_else(|| header::detect_language(&blocks));
    let mut fields = Vec::new();
    let mut dropped = Vec::new();
    let (title_line, kind, rest) = header::split_title(blocks, &mut dropped);

    // The header runs up to the first agenda item.
    let candidates = items::item_candidates(&rest);
    let first_item = candidates
        .iter()
        .position(Option::is_some)
        .unwrap_or(rest.len());
    let (formal, header_blocks) = formal::read_formal(&rest[..first_item], kind);
    let (header, intro) = header::read_header(&header_blocks, &mut dropped);
    let mut attachments = header.attachments.clone();
    let mut items = items::collect_items(
        &rest[first_item..],
        &candidates[first_item..],
        &mut attachments,
    );
    items::mark_presenter_lines(&mut items);

    let date = header::guess_date(
        title_line.as_deref(),
        &header.when,
        &rest,
        first_item,
        &mut fields,
    );
    let time = header::guess_time(&header.when, title_line.as_ref(), &mut fields);
    fields.push(header::location_field(header.place.as_ref()));
    // The organiser before the body: it tells apart bodies with similar names.
    let organiser = people::guess_organiser(ctx, &items, &mut fields);
    let body = header::guess_body(
        ctx,
        title_line.as_deref(),
        date,
        organiser.as_deref(),
        &mut fields,
    );
    let title = header::guess_title(
        body.as_deref(),
        date,
        language,
        title_line.as_ref(),
        &mut fields,
    );
    let attendees = people::guess_attendees(
        &header.people_lines,
        header.people_source.as_ref(),
        ctx.registry,
        &mut fields,
    );

    Guess {
        title,
        body,
        organiser,
        date,
        time,
        location: header.place,
        kind: kind.map(str::to_string),
        language,
        attendees,
        attachments,
        intro,
        items,
        fields,
        dropped,
        formal,
    }
}

#[cfg(test)]
mod tests;
