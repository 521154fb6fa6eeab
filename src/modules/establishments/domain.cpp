#include "modules/establishments/domain.hpp"

#include "core/identifiers.hpp"

namespace passerelle::modules::establishments {

OrganisationInput read_organisation(const boost::json::value& body) {
  JsonReader in(body);
  OrganisationInput out;
  auto name = in.text("name", true, 200);
  out.finess_ej = in.text("finess_ej", false, 9);
  out.siren = in.text("siren", false, 9);
  auto status = in.choice("legal_status", true, legal_statuses);
  if (out.finess_ej) {
    auto check = check_finess(*out.finess_ej);
    if (!check.valid) in.fail("finess_ej", "FINESS invalide : " + check.message);
  }
  if (out.siren && (out.siren->size() != 9 || !luhn_valid(*out.siren)))
    in.fail("siren", "SIREN invalide : 9 chiffres dont une clé de Luhn");
  in.finish();
  out.name = *name;
  out.legal_status = *status;
  return out;
}

}  // namespace passerelle::modules::establishments
